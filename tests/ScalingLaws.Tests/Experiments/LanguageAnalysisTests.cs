using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Experiments.Language;
using ScalingLaws.Fitting;
using ScalingLaws.Models;
using ScalingLaws.Sweeps;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Experiments;

public class LanguageAnalysisTests
{
    /// <summary>A finished run record with the given size and losses, as the trainer would write it.</summary>
    private static LanguageRun Run(string id, string group, int nLayer, int dModel, double bestLoss, long tokens = 1_000_000,
        long? datasetTokens = null, double? budget = null, IReadOnlyList<CurvePoint>? curve = null)
    {
        var model = new GptConfig(nLayer, dModel, NHead: 2, NCtx: 64, VocabSize: 1024);
        var counts = ParameterCount.Of(model);
        var config = new TrainConfig(model, "unused", DatasetTokens: datasetTokens);
        var result = new RunResult
        {
            Status = RunStatus.Completed,
            Config = config,
            LearningCurve = curve ?? [],
            FinalTrainLoss = bestLoss,
            FinalValLoss = bestLoss,
            BestValLoss = bestLoss,
            NonEmbeddingParams = counts.NonEmbeddingParams,
            TotalParams = counts.Total,
            EmbeddingParams = counts.Embedding,
            FlopsPerToken = 6.0 * counts.NonEmbeddingParams,
            FlopsPerTokenWithHead = 6.0 * counts.Total,
            ComputeFlops = 6.0 * counts.NonEmbeddingParams * tokens,
            ComputeFlopsWithHead = 6.0 * counts.Total * tokens,
            Steps = tokens / 2048,
            Tokens = tokens,
            WallSeconds = 1,
            TokensPerSecond = 1000,
            Seed = 0,
            Device = "cpu",
            Threads = 2,
            LibraryVersion = "test",
            TorchSharpVersion = "test",
            Machine = MachineInfo.Current(),
            Date = DateTimeOffset.UnixEpoch,
            Notes = [],
        };
        return new LanguageRun(id, group, result, budget);
    }

    private static long N(int nLayer, int dModel) => ParameterCount.Of(new GptConfig(nLayer, dModel, NHead: 2, NCtx: 64, VocabSize: 1024)).NonEmbeddingParams;

    [Fact]
    public void Size_scaling_recovers_the_exponent_of_an_exact_power_law_and_predicts_the_held_out_model()
    {
        (int L, int D)[] shapes = [(1, 12), (1, 24), (2, 32), (2, 48), (2, 64), (3, 96)];
        var runs = shapes.Select(s => Run($"s{s.D}", LanguageGroups.Size, s.L, s.D, Math.Pow(1e9 / N(s.L, s.D), 0.07))).ToArray();
        var size = SizeScaling.Analyse(runs, new BootstrapOptions(Resamples: 100));
        Assert.Equal(0.07, size.AlphaN, 4);
        Assert.Equal(1.0, size.NC / 1e9, 3);
        Assert.True(Math.Abs(size.ExtrapolationErrorPercent) < 1e-3);
        Assert.True(size.Decades > 2);
    }

    [Fact]
    public void Shape_deviation_is_measured_against_the_L_of_N_trend_at_each_runs_own_N()
    {
        (int L, int D)[] shapes = [(1, 12), (1, 24), (2, 32), (2, 48), (2, 64), (3, 96)];
        Func<double, double> law = n => Math.Pow(1e9 / n, 0.07);
        var runs = shapes.Select(s => Run($"s{s.D}", LanguageGroups.Size, s.L, s.D, law(N(s.L, s.D)))).ToList();
        runs.Add(Run("deep", LanguageGroups.Shape, 4, 48, law(N(4, 48)) * 1.05));
        runs.Add(Run("wide", LanguageGroups.Shape, 1, 96, law(N(1, 96)) * 0.98));
        var size = SizeScaling.Analyse(runs, new BootstrapOptions(Resamples: 50));
        var shape = ShapeIndependence.Analyse(runs, size.Fit);
        Assert.Equal(5.0, shape.Points.Single(p => p.Id == "deep").DeviationPercent, 2);
        Assert.Equal(-2.0, shape.Points.Single(p => p.Id == "wide").DeviationPercent, 2);
        Assert.Contains(shape.Points, p => p.Id == "s64");   // the size run of about the same N joins them
        Assert.Equal(7.0, shape.SpreadPercent, 2);
    }

    [Fact]
    public void IsoFlop_frontier_finds_the_vertex_of_each_profile_and_skips_edge_minima()
    {
        // Loss is a parabola in ln N with its minimum at N* = 3e4 (C = 1e12) and at the largest size (C = 1e13).
        double[] sizes = [1e3, 1e4, 1e5, 1e6];
        var points = new List<IsoFlopPoint>();
        foreach (double n in sizes)
        {
            points.Add(new IsoFlopPoint($"a{n}", 1e12, n, 1e12, 3 + 0.05 * Math.Pow(Math.Log(n / 3e4), 2), 1e12 / (6 * n)));
            points.Add(new IsoFlopPoint($"b{n}", 1e13, n, 1e13, 3 - 0.01 * Math.Log(n), 1e13 / (6 * n)));
        }
        var frontier = ComputeScaling.IsoFlopFrontier(points);
        var only = Assert.Single(frontier);
        Assert.Equal(1e12, only.ComputeFlops);
        Assert.Equal(3e4, only.NonEmbeddingParams, 1e4 * 0.05);
        Assert.Equal(3.0, only.LossNatsPerToken, 6);
    }

    [Fact]
    public void IsoFlop_parabola_uses_five_runs_around_the_minimum_so_noise_in_one_moves_the_vertex_little()
    {
        // Seven sizes around N* = 3e4 with +-0.01 nats of noise: the three runs nearest the minimum alone are
        // easily tipped; least squares over the five around it finds N* within 15%.
        double[] sizes = ScalingLaws.Tests.Fitting.SyntheticData.LogSpaced(3e3, 3e5, 7);
        var noise = new Random(7);
        var points = sizes.Select(n => new IsoFlopPoint($"r{n}", 1e12, n, 1e12,
            3 + 0.05 * Math.Pow(Math.Log(n / 3e4), 2) + 0.01 * (2 * noise.NextDouble() - 1), 1e12 / (6 * n))).ToArray();
        var only = Assert.Single(ComputeScaling.IsoFlopFrontier(points));
        Assert.Equal(3e4, only.NonEmbeddingParams, 3e4 * 0.15);
        Assert.InRange(only.Tokens, 1e12 / (6 * sizes[4]), 1e12 / (6 * sizes[2]));
    }

    [Fact]
    public void A_lopsided_IsoFlop_profile_keeps_its_vertex_between_the_runs_around_the_minimum()
    {
        // The full sweep's 1e12 profile: one run left of the minimum, four rising steeply to the right. A parabola
        // through all six is dragged by the far runs (its vertex falls below the smallest model); the runs around
        // the minimum put it between the two best.
        (double N, double Loss)[] runs = [(3312, 4.143), (12768, 4.116), (56640, 4.669), (100096, 4.976), (335712, 5.542), (793344, 5.871)];
        var points = runs.Select(r => new IsoFlopPoint($"r{r.N}", 1e12, r.N, 1e12, r.Loss, 1e12 / (6 * r.N))).ToArray();
        var only = Assert.Single(ComputeScaling.IsoFlopFrontier(points));
        Assert.InRange(only.NonEmbeddingParams, 4000, 12768);
    }

    [Fact]
    public void L_of_C_is_fitted_to_the_envelope_even_when_every_budget_minimum_is_at_an_edge()
    {
        // Data-limited size runs, every one stopped at 3M tokens with L = 10/N^0.3 + 120/D^0.3 (no irreducible
        // loss): at every budget the smallest run still training is best, so Kaplan-style N_opt has no interior
        // budget, but the envelope, and L(C) over it, exist.
        (int Layers, int Width)[] shapes = [(1, 16), (1, 32), (2, 48), (2, 64), (3, 96), (4, 128)];
        var runs = shapes.Select(s =>
        {
            double n = N(s.Layers, s.Width);
            var curve = ScalingLaws.Tests.Fitting.SyntheticData.LogSpaced(3e4, 3e6, 25).Select((d, i) =>
                new CurvePoint
                {
                    Step = i + 1,
                    Tokens = (long)d,
                    ComputeFlops = 6 * n * d,
                    ComputeFlopsWithHead = 6 * n * d,
                    TrainLoss = 0,
                    ValLoss = 10 / Math.Pow(n, 0.3) + 120 / Math.Pow(d, 0.3),
                    LearningRate = 1e-3,
                    ElapsedSeconds = i,
                }).ToArray();
            return Run($"size-{s.Layers}-{s.Width}", LanguageGroups.Size, s.Layers, s.Width, curve[^1].ValLoss, 3_000_000, curve: curve);
        }).ToArray();

        var compute = ComputeScaling.Analyse(runs, new BootstrapOptions(100, Seed: 1));

        Assert.Null(compute.KaplanStyle.OptimalParams);
        Assert.NotNull(compute.KaplanStyle.Note);
        double smallestEnd = 6 * N(1, 16) * 3e6;
        Assert.True(compute.EnvelopeFitted.Count >= ComputeScaling.MinimumEnvelopePoints);
        Assert.All(compute.EnvelopeFitted, p => Assert.True(p.ComputeFlops >= smallestEnd * (1 - 1e-9)));
        Assert.True(compute.Envelope.Count > compute.EnvelopeFitted.Count, "the smallest run's own early curve is not fitted");
        Assert.InRange(compute.AlphaC, 0.05, 0.5);
        // The fitted law follows the envelope it was fitted to (in PF-days), up to the envelope's steps: each
        // run's segment is a learning curve or, once it has ended, flat until a larger run passes it.
        var fit = compute.LossFrontierFit!;
        Assert.All(compute.EnvelopeFitted, p =>
            Assert.Equal(p.LossNatsPerToken, fit.Predict(p.ComputeFlops / ComputeScaling.FlopsPerPfDay), p.LossNatsPerToken * 0.15));
    }

    [Fact]
    public void The_joint_fit_uses_the_distinct_tokens_each_run_is_expected_to_have_seen()
    {
        var partPass = Run("size", LanguageGroups.Size, 2, 64, 4.0, tokens: 1_500_000);
        var subset = Run("data", LanguageGroups.Data, 2, 64, 4.2, tokens: 1_500_000, datasetTokens: 100_000);
        Assert.Equal(3_000_000 * (1 - Math.Exp(-0.5)), partPass.EffectiveDatasetTokens(3_000_000), 1e-6);
        Assert.Equal(100_000, subset.EffectiveDatasetTokens(3_000_000), 0.05); // 15 passes: all but e^-15 of it
    }

    [Fact]
    public void One_pass_of_random_windows_covers_the_fraction_of_the_text_that_effective_D_assumes()
    {
        // Token i is i, so the targets served say which positions training saw.
        const int length = 20_000, nCtx = 16;
        var split = ScalingLaws.Data.TokenSplit.FromTokens("t", Enumerable.Range(0, length).Select(i => (ushort)i).ToArray(), length);
        var sampler = new ScalingLaws.Data.SequenceSampler(split, nCtx, seed: 5);
        var seen = new HashSet<long>();
        long trained = 0;
        while (trained < length)
        {
            var (input, target) = sampler.Next(25, TorchSharp.torch.CPU);
            using (input)
            using (target)
                foreach (long t in target.data<long>().ToArray()) seen.Add(t);
            trained += 25 * nCtx;
        }
        var run = Run("one-pass", LanguageGroups.Size, 1, 16, 5.0, tokens: trained);
        Assert.Equal(run.EffectiveDatasetTokens(length) / length, (double)seen.Count / length, 0.02);
    }

    [Fact]
    public void A_stored_record_keeps_its_group_and_budget()
    {
        var run = Run("b", LanguageGroups.Budget, 1, 12, 4.5);
        var record = (JsonObject)JsonSerializer.SerializeToNode(run.Result, RunJson.Options)!;
        record[SweepResultStore.RunConfigKey] = new JsonObject { ["group"] = "budget", ["budget_flops"] = 3e11 };
        var read = LanguageRun.From(ScalingLaws.Experiments.ExperimentRun.FromRecord("b", record));
        Assert.Equal(LanguageGroups.Budget, read.Group);
        Assert.Equal(3e11, read.BudgetFlops);
        Assert.Equal(run.N, read.N);
    }

    [Fact]
    public void Shape_independence_with_a_single_aspect_ratio_is_not_reported_as_zero_spread()
    {
        (int L, int D)[] shapes = [(1, 12), (1, 24), (2, 32), (2, 48)];
        var runs = shapes.Select(s => Run($"s{s.D}", LanguageGroups.Size, s.L, s.D, Math.Pow(1e9 / N(s.L, s.D), 0.07))).ToList();
        runs.Add(Run("lonely", LanguageGroups.Shape, 1, 192, 3.0));
        var size = SizeScaling.Analyse(runs, new BootstrapOptions(Resamples: 20));
        var error = Assert.Throws<InvalidOperationException>(() => ShapeIndependence.Analyse(runs, size.Fit));
        Assert.Contains("two or more aspect ratios", error.Message);
    }
}
