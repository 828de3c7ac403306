namespace ScalingLaws.Fitting;

/// <summary>
/// The nonparametric bootstrap, one engine for every interval in the project: a <see cref="BootstrapDesign"/> says
/// what is drawn with replacement (points, whole runs, held-out examples; paired or independent samples), each
/// resample is a vector of counts that weight the points (no data are copied), the statistic is recomputed on each,
/// and the interval is read off the percentiles. Deterministic for a given seed, in parallel or not.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// The statistic on every resample: row r is <paramref name="statistic"/>(counts of resample r). A statistic that
    /// cannot be computed on a resample (a line through one budget) returns NaNs; intervals ignore them.
    /// </summary>
    public static double[][] Resample(BootstrapDesign design, BootstrapOptions options, Func<double[], double[]> statistic) =>
        Resample(design, options, (_, counts) => statistic(counts));

    /// <summary>
    /// As <see cref="Resample(BootstrapDesign, BootstrapOptions, Func{double[], double[]})"/>, the statistic also given the
    /// resample's index r, for a parametric part on top of the resampling (noise drawn from
    /// <see cref="SeedSequence.For"/>(a seed of its own, r), so the answer does not depend on threads either).
    /// </summary>
    public static double[][] Resample(BootstrapDesign design, BootstrapOptions options, Func<int, double[], double[]> statistic)
    {
        options.Validate();
        var samples = new double[options.Resamples][];
        void One(int r) => samples[r] = statistic(r, design.Counts(options.Seed, r));
        // The ambient interruption stops the loop as a whole (an OperationCanceledException, not one per worker).
        if (options.Parallel) Parallel.For(0, options.Resamples, new ParallelOptions { CancellationToken = Execution.Interruption.Current }, One);
        else
            for (int r = 0; r < options.Resamples; r++)
            {
                Execution.Interruption.ThrowIfRequested();
                One(r);
            }
        return samples;
    }

    /// <summary>The percentile interval of one statistic over the resamples.</summary>
    public static ConfidenceInterval Interval(BootstrapDesign design, BootstrapOptions options, Func<double[], double> statistic) =>
        ConfidenceInterval.Percentile(Resample(design, options, counts => [statistic(counts)]).Select(s => s[0]), options.ConfidenceLevel);

    /// <summary>
    /// The mean of <paramref name="a"/> minus the mean of <paramref name="b"/>, with its interval. Paired (equal counts,
    /// unit i measured both ways, e.g. the same examples or runs with and without a caption) resamples the units and
    /// keeps the pairs; otherwise the two samples are resampled independently (a stratified design).
    /// </summary>
    public static (double Estimate, ConfidenceInterval Interval) MeanDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, bool paired, BootstrapOptions? options = null)
    {
        options ??= new BootstrapOptions();
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException($"Give at least one value on each side; got {a.Count} and {b.Count}.");
        if (paired && a.Count != b.Count)
            throw new ArgumentException($"Paired samples need equal counts; got {a.Count} and {b.Count}. Pass paired: false for independent samples.");
        double estimate = a.Average() - b.Average();
        if (paired)
            return (estimate, Interval(BootstrapDesign.Points(a.Count), options, counts =>
            {
                double sum = 0;
                for (int i = 0; i < a.Count; i++) sum += counts[i] * (a[i] - b[i]);
                return sum / a.Count;
            }));
        var strata = Enumerable.Repeat(0, a.Count).Concat(Enumerable.Repeat(1, b.Count)).ToArray();
        return (estimate, Interval(BootstrapDesign.Stratified(strata), options, counts =>
        {
            double sumA = 0, sumB = 0;
            for (int i = 0; i < a.Count; i++) sumA += counts[i] * a[i];
            for (int i = 0; i < b.Count; i++) sumB += counts[a.Count + i] * b[i];
            return sumA / a.Count - sumB / b.Count;
        }));
    }

    /// <summary>
    /// Refits <paramref name="fit"/>'s law on resamples of <paramref name="data"/>: from the main fit's parameters
    /// (warm start, one polish with the main fit's options). With <paramref name="clusters"/> (one id per point)
    /// whole clusters are resampled instead of points: the cluster bootstrap, for points that are not independent,
    /// such as many evaluations along one training run.
    /// </summary>
    public static BootstrapResult Run(FitResult fit, FitData data, BootstrapOptions? options = null, IReadOnlyList<int>? clusters = null)
    {
        options ??= new BootstrapOptions();
        if (clusters is not null && clusters.Count != data.Count)
            throw new ArgumentException($"Give one cluster id per point ({data.Count}); got {clusters.Count}.", nameof(clusters));
        var design = clusters is null ? BootstrapDesign.Points(data.Count) : BootstrapDesign.Clusters(clusters);
        var law = fit.Law;
        var warmStart = fit.FitSpaceValues.ToArray();
        var serial = fit.Options with { Parallel = false };
        var samples = Resample(design, options, counts =>
        {
            for (int i = 0; i < data.Count; i++) counts[i] *= data.Weights[i];
            return Refit(law, data.WithWeights(counts), serial, warmStart);
        });
        return new BootstrapResult(law, samples, options.ConfidenceLevel);
    }
    /// <summary>
    /// As <see cref="Run(FitResult, FitData, BootstrapOptions?, IReadOnlyList{int}?)"/> for points that are losses of
    /// runs on one shared held-out set, which is itself a sample: each resample draws the runs and, independently and
    /// once for all runs, the held-out examples, and recomputes every run's loss on the drawn examples before the refit.
    /// A constant such as L_inf is then the entropy of the held-out sample, and only the examples part of the resample
    /// carries that sample's error, which moves every run's loss together and which resampling the runs cannot see.
    /// <paramref name="exampleNats"/>[i][j] is run i's summed loss on example j (the same examples, in the same order, for
    /// every run) and <paramref name="exampleTokens"/>[j] the tokens it scored there; run i's point must be their ratio.
    /// </summary>
    public static BootstrapResult RunOverRunsAndExamples(FitResult fit, FitData data, IReadOnlyList<IReadOnlyList<float>> exampleNats,
        IReadOnlyList<double> exampleTokens, BootstrapOptions? options = null)
    {
        options ??= new BootstrapOptions();
        if (exampleNats.Count != data.Count)
            throw new ArgumentException($"Give one row of per-example losses per point ({data.Count}); got {exampleNats.Count}.", nameof(exampleNats));
        int examples = exampleTokens.Count;
        if (examples < 2) throw new ArgumentException($"Resampling held-out examples needs at least 2 of them; got {examples}.", nameof(exampleTokens));
        for (int i = 0; i < data.Count; i++)
        {
            if (exampleNats[i].Count != examples)
                throw new ArgumentException($"Point {i} has losses on {exampleNats[i].Count} held-out examples and the set has {examples}; " +
                    "every run must be scored on the same examples in the same order (its final evaluation of the same split).", nameof(exampleNats));
            double nats = 0, tokens = 0;
            for (int j = 0; j < examples; j++) { nats += exampleNats[i][j]; tokens += exampleTokens[j]; }
            if (Math.Abs(nats / tokens - data.Y[i]) > 1e-4 * data.Y[i])
                throw new ArgumentException($"Point {i}'s per-example losses give {nats / tokens:G6} per token but its loss is {data.Y[i]:G6}; " +
                    "pass the rows in the order of the points, each from the evaluation the point was read from.", nameof(exampleNats));
        }
        var strata = Enumerable.Repeat(0, data.Count).Concat(Enumerable.Repeat(1, examples)).ToArray();
        var law = fit.Law;
        var warmStart = fit.FitSpaceValues.ToArray();
        var serial = fit.Options with { Parallel = false };
        var x2 = data.HasX2 ? data.X2 : null;
        var samples = Resample(BootstrapDesign.Stratified(strata), options, counts =>
        {
            var y = new double[data.Count];
            var weights = new double[data.Count];
            double tokens = 0;
            for (int j = 0; j < examples; j++) tokens += counts[data.Count + j] * exampleTokens[j];
            for (int i = 0; i < data.Count; i++)
            {
                double nats = 0;
                var row = exampleNats[i];
                for (int j = 0; j < examples; j++) nats += counts[data.Count + j] * row[j];
                y[i] = nats / tokens;
                weights[i] = counts[i] * data.Weights[i];
            }
            return Refit(law, new FitData(data.X, y, x2, weights), serial, warmStart);
        });
        return new BootstrapResult(law, samples, options.ConfidenceLevel);
    }

    // One refit of a resample from the main fit's parameters; NaNs when it fails, which intervals ignore.
    private static double[] Refit(ScalingLaw law, FitData resample, FitOptions serial, double[] warmStart)
    {
        try
        {
            return law.ToNatural(ScalingLawFitter.FitTheta(law, resample, serial, warmStart).Theta);
        }
        catch (InvalidOperationException)
        {
            return Enumerable.Repeat(double.NaN, law.Parameters.Count).ToArray();
        }
    }
}
