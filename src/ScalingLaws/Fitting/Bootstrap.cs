namespace ScalingLaws.Fitting;

/// <summary>
/// Nonparametric bootstrap of a fit: resample the points with replacement, refit from the main fit's
/// parameters (warm start, one polish with the main fit's options), take percentile intervals. Resamples
/// are expressed as integer weights, so no data are copied. Deterministic for a given seed.
/// </summary>
public static class Bootstrap
{
    /// <summary>Refits <paramref name="fit"/>'s law on resamples of <paramref name="data"/>.</summary>
    public static BootstrapResult Run(FitResult fit, FitData data, BootstrapOptions? options = null)
    {
        options ??= new BootstrapOptions();
        options.Validate();
        var law = fit.Law;
        var warmStart = fit.FitSpaceValues.ToArray();
        var serial = fit.Options with { Parallel = false };
        var samples = new double[options.Resamples][];
        void Refit(int r)
        {
            var rng = SeedSequence.For(options.Seed, r);
            var counts = new double[data.Count];
            for (int i = 0; i < data.Count; i++) counts[rng.Next(data.Count)] += 1;
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
