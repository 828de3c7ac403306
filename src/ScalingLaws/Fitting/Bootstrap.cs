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
            try
            {
                return law.ToNatural(ScalingLawFitter.FitTheta(law, data.WithWeights(counts), serial, warmStart).Theta);
            }
            catch (InvalidOperationException)
            {
                return Enumerable.Repeat(double.NaN, law.Parameters.Count).ToArray();
            }
        });
        return new BootstrapResult(law, samples, options.ConfidenceLevel);
    }
}
