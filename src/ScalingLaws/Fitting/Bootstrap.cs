namespace ScalingLaws.Fitting;

/// <summary>
/// Nonparametric bootstrap of a fit: resample the points with replacement, refit from the main fit's
/// parameters (warm start, one polish with the main fit's options), take percentile intervals. Resamples
/// are expressed as integer weights, so no data are copied. Deterministic for a given seed.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Refits <paramref name="fit"/>'s law on resamples of <paramref name="data"/>. With <paramref name="clusters"/> (one
    /// id per point) whole clusters are resampled instead of points: the cluster bootstrap, for points that are not
    /// independent, such as many evaluations along one training run.
    /// </summary>
    public static BootstrapResult Run(FitResult fit, FitData data, BootstrapOptions? options = null, IReadOnlyList<int>? clusters = null)
    {
        options ??= new BootstrapOptions();
        options.Validate();
        if (clusters is not null && clusters.Count != data.Count)
            throw new ArgumentException($"Give one cluster id per point ({data.Count}); got {clusters.Count}.", nameof(clusters));
        // Points of cluster c are members[c]; without clusters every point is its own.
        var members = clusters is null
            ? Enumerable.Range(0, data.Count).Select(i => new[] { i }).ToArray()
            : Enumerable.Range(0, data.Count).GroupBy(i => clusters[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var law = fit.Law;
        var warmStart = fit.FitSpaceValues.ToArray();
        var serial = fit.Options with { Parallel = false };
        var samples = new double[options.Resamples][];
        void Refit(int r)
        {
            var rng = SeedSequence.For(options.Seed, r);
            var counts = new double[data.Count];
            for (int c = 0; c < members.Length; c++)
                foreach (int i in members[rng.Next(members.Length)]) counts[i] += 1;
            for (int i = 0; i < data.Count; i++) counts[i] *= data.Weights[i];
            try
            {
                var minimum = ScalingLawFitter.FitTheta(law, data.WithWeights(counts), serial, warmStart);
                samples[r] = law.ToNatural(minimum.Theta);
            }
            catch (InvalidOperationException)
            {
                samples[r] = Enumerable.Repeat(double.NaN, law.Parameters.Count).ToArray();
            }
        }
        if (options.Parallel) Parallel.For(0, options.Resamples, Refit);
        else for (int r = 0; r < options.Resamples; r++) Refit(r);
        return new BootstrapResult(law, samples, options.ConfidenceLevel);
    }
}
