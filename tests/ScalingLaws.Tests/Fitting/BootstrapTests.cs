using ScalingLaws.Fitting;
using Xunit.Abstractions;
using static ScalingLaws.Tests.Fitting.SyntheticData;

namespace ScalingLaws.Tests.Fitting;

public class BootstrapTests(ITestOutputHelper output)
{
    [Fact]
    public void Ninety_five_percent_intervals_cover_the_truth_about_95_percent_of_the_time()
    {
        // 200 independent data sets from a known power law, each with a 200-resample bootstrap. Coverage of a
        // correct 95% interval is Binomial(200, 0.95): mean 190, sd 3.1. Percentile intervals undercover
        // slightly at n = 40 points (by about (n - p)/n in variance), so the expected count is nearer 187;
        // [176, 199] is that expectation -3.5 sd to +4 sd, while a badly wrong interval (e.g. 80% or 99.9%
        // coverage) falls outside it.
        const int repetitions = 200;
        var law = new PowerLaw();
        double[] truth = [8.8e13, 0.076];
        var x = LogSpaced(1e5, 1e9, 40);
        int coveredAlpha = 0, coveredScale = 0;
        var rng = new Random(2020);
        for (int rep = 0; rep < repetitions; rep++)
        {
            var data = OneVariable(law, truth, x, 0.02, rng);
            var fit = ScalingLawFitter.Fit(law, data, new FitOptions { Parallel = false });
            var boot = Bootstrap.Run(fit, data, new BootstrapOptions(Resamples: 200, Seed: rep));
            if (boot.Intervals["alpha"].Contains(truth[1])) coveredAlpha++;
            if (boot.Intervals["x_c"].Contains(truth[0])) coveredScale++;
        }
        output.WriteLine($"alpha covered {coveredAlpha}/{repetitions}, x_c covered {coveredScale}/{repetitions}");
        Assert.InRange(coveredAlpha, 176, 199);
        Assert.InRange(coveredScale, 176, 199);
    }

    [Fact]
    public void Intervals_of_a_nonlinear_law_cover_its_exponent_and_floor_about_95_percent_of_the_time()
    {
        // Henighan et al.'s 8x8 image law, 100 data sets of 40 points with 2% noise, 100 resamples each.
        // Binomial(100, 0.95) has sd 2.2; with the percentile method's small-sample undercoverage the
        // expectation is about 92-94, and [85, 99] is about -3.5 sd to +2.5 sd around 95.
        const int repetitions = 100;
        var law = new PowerLawPlusConstant();
        double[] truth = [3.12, 80, 0.24];
        var x = LogSpaced(1e3, 1e9, 40);
        int coveredAlpha = 0, coveredFloor = 0;
        var rng = new Random(2010);
        for (int rep = 0; rep < repetitions; rep++)
        {
            var data = OneVariable(law, truth, x, 0.02, rng);
            var fit = ScalingLawFitter.Fit(law, data);
            var boot = Bootstrap.Run(fit, data, new BootstrapOptions(Resamples: 100, Seed: rep));
            if (boot.Intervals["alpha"].Contains(truth[2])) coveredAlpha++;
            if (boot.Intervals["L_inf"].Contains(truth[0])) coveredFloor++;
        }
        output.WriteLine($"alpha covered {coveredAlpha}/{repetitions}, L_inf covered {coveredFloor}/{repetitions}");
        Assert.InRange(coveredAlpha, 85, 99);
        Assert.InRange(coveredFloor, 85, 99);
    }

    [Fact]
    public void Cluster_bootstrap_widens_the_interval_when_points_share_a_clusters_error()
    {
        // Eight runs of ten points each; each run's points share one offset (as evaluations along one training run
        // do). Resampling points treats 80 points as independent; resampling runs sees only eight.
        var law = new PowerLaw();
        double[] truth = [8.8e13, 0.076];
        var rng = new Random(11);
        var x = new List<double>();
        var y = new List<double>();
        var run = new List<int>();
        for (int r = 0; r < 8; r++)
        {
            double offset = Math.Exp(0.05 * Gaussian(rng));
            foreach (double v in LogSpaced(1e5 * Math.Pow(3, r), 3e5 * Math.Pow(3, r), 10))
            {
                x.Add(v);
                y.Add(law.Evaluate(truth, v) * offset * Math.Exp(0.002 * Gaussian(rng)));
                run.Add(r);
            }
        }
        var data = new FitData(x, y);
        var fit = ScalingLawFitter.Fit(law, data);
        var options = new BootstrapOptions(Resamples: 400, Seed: 4);
        var points = Bootstrap.Run(fit, data, options).Intervals["alpha"];
        var runs = Bootstrap.Run(fit, data, options, run).Intervals["alpha"];
        output.WriteLine($"points {points}, runs {runs}");
        Assert.True(runs.Upper - runs.Lower > 2 * (points.Upper - points.Lower), $"runs {runs} vs points {points}");

        // One point per cluster is the ordinary bootstrap, draw for draw.
        var singletons = Bootstrap.Run(fit, data, options, Enumerable.Range(0, data.Count).ToArray()).Intervals["alpha"];
        Assert.Equal(points.Lower, singletons.Lower);
        Assert.Equal(points.Upper, singletons.Upper);
        Assert.Throws<ArgumentException>(() => Bootstrap.Run(fit, data, options, [1, 2]));
    }

    [Fact]
    public void Same_seed_gives_the_same_intervals_in_parallel_and_serially()
    {
        var law = new PowerLawPlusConstant();
        var data = OneVariable(law, [2.0, 1e4, 0.3], LogSpaced(1e3, 1e9, 30), 0.02, new Random(5));
        var fit = ScalingLawFitter.Fit(law, data);
        var parallel = Bootstrap.Run(fit, data, new BootstrapOptions(100, Seed: 9));
        var serial = Bootstrap.Run(fit, data, new BootstrapOptions(100, Seed: 9, Parallel: false));
        var other = Bootstrap.Run(fit, data, new BootstrapOptions(100, Seed: 10));
        for (int r = 0; r < 100; r++) Assert.Equal(serial.Samples[r], parallel.Samples[r]);
        Assert.NotEqual(serial.Intervals["alpha"], other.Intervals["alpha"]);
        Assert.True(parallel.Intervals["alpha"].Contains(fit["alpha"]));
    }

    [Fact]
    public void Interval_of_a_derived_quantity_uses_every_resample()
    {
        var law = new PowerLaw();
        var data = OneVariable(law, [1e10, 0.1], LogSpaced(1e5, 1e9, 20), 0.02, new Random(6));
        var fit = ScalingLawFitter.Fit(law, data);
        var boot = Bootstrap.Run(fit, data, new BootstrapOptions(400, Seed: 1));
        var doubled = boot.IntervalOf(p => 2 * p[1]);
        Assert.Equal(2 * boot.Intervals["alpha"].Lower, doubled.Lower, 12);
        Assert.Equal(2 * boot.Intervals["alpha"].Upper, doubled.Upper, 12);
        Assert.Equal(0, boot.FailedResamples);
    }

    [Fact]
    public void Percentile_quantiles_interpolate_between_order_statistics()
    {
        double[] sorted = [1, 2, 3, 4, 5];
        Assert.Equal(3, ConfidenceInterval.Quantile(sorted, 0.5));
        Assert.Equal(1.2, ConfidenceInterval.Quantile(sorted, 0.05), 12);
        var ci = ConfidenceInterval.Percentile(Enumerable.Range(0, 101).Select(i => (double)i), 0.9);
        Assert.Equal(5, ci.Lower, 12);
        Assert.Equal(95, ci.Upper, 12);
    }

    [Fact]
    public void Mean_difference_of_paired_units_keeps_the_pairs()
    {
        // Every unit improves by exactly 0.5 however noisy the units are: a paired interval has no width, an
        // independent one mixes the spread between units into it.
        double[] without = [5.0, 3.0, 6.0, 4.0, 2.5, 4.4];
        double[] with = without.Select(v => v - 0.5).ToArray();
        var options = new BootstrapOptions(400, Seed: 3);
        var (estimate, paired) = Bootstrap.MeanDifference(without, with, paired: true, options);
        Assert.Equal(0.5, estimate, 12);
        Assert.Equal(0.5, paired.Lower, 12);
        Assert.Equal(0.5, paired.Upper, 12);
        var (_, independent) = Bootstrap.MeanDifference(without, with, paired: false, options);
        Assert.True(independent.Upper - independent.Lower > 1, independent.ToString());
        Assert.True(independent.Contains(0.5));
    }

    [Fact]
    public void Independent_samples_are_drawn_one_after_the_other_from_one_generator()
    {
        // The unpaired mutual-information estimate drew all of the first sample's units, then the second's, from
        // SeedSequence.For(seed, r); the stratified engine must reproduce it draw for draw.
        double[] a = [5.0, 5.2, 4.8, 5.5], b = [4.0, 4.1, 3.7];
        var options = new BootstrapOptions(300, Seed: 2, Parallel: false);
        var reference = Enumerable.Range(0, options.Resamples).Select(r =>
        {
            var rng = SeedSequence.For(options.Seed, r);
            double meanA = Enumerable.Range(0, a.Length).Sum(_ => a[rng.Next(a.Length)]) / a.Length;
            double meanB = Enumerable.Range(0, b.Length).Sum(_ => b[rng.Next(b.Length)]) / b.Length;
            return meanA - meanB;
        });
        var expected = ConfidenceInterval.Percentile(reference, 0.95);
        var (_, interval) = Bootstrap.MeanDifference(a, b, paired: false, options);
        Assert.Equal(expected.Lower, interval.Lower, 12);
        Assert.Equal(expected.Upper, interval.Upper, 12);
    }

    [Fact]
    public void A_statistic_that_fails_on_a_resample_is_left_out_of_the_interval()
    {
        var design = BootstrapDesign.Points(5);
        var samples = Bootstrap.Resample(design, new BootstrapOptions(200, Seed: 1), counts => [counts[0] > 0 ? counts[0] : double.NaN]);
        Assert.Contains(samples, s => double.IsNaN(s[0]));
        var interval = Bootstrap.Interval(design, new BootstrapOptions(200, Seed: 1), counts => counts[0] > 0 ? counts[0] : double.NaN);
        Assert.True(interval.Lower >= 1);
    }

    [Fact]
    public void Resampling_the_shared_held_out_examples_too_covers_the_true_floor_where_resampling_runs_alone_does_not()
    {
        // Eight runs scored on one held-out set of 400 examples of 64 tokens: every run's loss is the set's own entropy
        // plus its KL, so the set's sampling error (sd 6 / 64 / sqrt(400) = 0.0047 nats per token) moves all eight points
        // together, while the points scatter by only 0.1% about the law. Resampling the runs alone cannot see the shared
        // error and its interval for L_inf misses the population entropy most of the time; drawing the examples as well
        // gives about 95% coverage. 60 data sets: Binomial(60, 0.95) has mean 57, sd 1.7, so at least 51 (-3.5 sd).
        const int repetitions = 60, examples = 400, tokens = 64;
        var law = new PowerLawPlusConstant();
        double[] truth = [1.81, 2e3, 0.45];
        var n = LogSpaced(1e3, 1e6, 8);
        var rng = new Random(64);
        int coveredBoth = 0, coveredRuns = 0;
        for (int rep = 0; rep < repetitions; rep++)
        {
            var entropy = Enumerable.Range(0, examples).Select(_ => tokens * truth[0] + 6 * Gaussian(rng)).ToArray();
            var rows = n.Select(x =>
            {
                double kl = tokens * (law.Evaluate(truth, x) - truth[0]) * (1 + 0.001 * Gaussian(rng));
                return (IReadOnlyList<float>)entropy.Select(e => (float)(e + kl + 0.5 * Gaussian(rng))).ToArray();
            }).ToArray();
            var y = rows.Select(r => r.Sum(v => (double)v) / (examples * tokens)).ToArray();
            var data = new FitData(n, y);
            var fit = ScalingLawFitter.Fit(law, data, new FitOptions { Parallel = false });
            var options = new BootstrapOptions(Resamples: 200, Seed: rep);
            if (Bootstrap.RunOverRunsAndExamples(fit, data, rows, Enumerable.Repeat((double)tokens, examples).ToArray(), options).Intervals["L_inf"].Contains(truth[0])) coveredBoth++;
            if (Bootstrap.Run(fit, data, options).Intervals["L_inf"].Contains(truth[0])) coveredRuns++;
        }
        output.WriteLine($"L_inf covered {coveredBoth}/{repetitions} drawing runs and examples, {coveredRuns}/{repetitions} drawing runs only");
        Assert.InRange(coveredBoth, 51, 60);
        Assert.True(coveredRuns < 40, $"drawing runs alone covered {coveredRuns}/{repetitions}; the test's shared error is too small to tell the two apart");
    }

    [Fact]
    public void Per_example_losses_that_are_not_the_points_are_refused_naming_the_point()
    {
        var data = new FitData([1e3, 1e4, 1e5, 1e6], [3.0, 2.5, 2.2, 2.1]);
        var fit = ScalingLawFitter.Fit(new PowerLawPlusConstant(), data);
        IReadOnlyList<float>[] rows = [[3f, 3f], [2.5f, 2.5f], [2.1f, 2.1f], [2.2f, 2.2f]];
        var e = Assert.Throws<ArgumentException>(() => Bootstrap.RunOverRunsAndExamples(fit, data, rows, [1.0, 1.0]));
        Assert.Contains("Point 2", e.Message);
        Assert.Contains("in the order of the points", e.Message);
        IReadOnlyList<float>[] ragged = [[3f, 3f], [2.5f, 2.5f], [2.2f], [2.1f, 2.1f]];
        Assert.Contains("same examples", Assert.Throws<ArgumentException>(() => Bootstrap.RunOverRunsAndExamples(fit, data, ragged, [1.0, 1.0])).Message);
    }
}
