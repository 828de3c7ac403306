namespace ScalingLaws.Fitting;

/// <summary>Settings of a nonparametric bootstrap: how many resamples, the seed, the interval level.</summary>
/// <param name="Resamples">Number of resamples (Epoch AI use 4,000 for Chinchilla).</param>
/// <param name="Seed">Master seed; resample r uses <see cref="SeedSequence.For"/>(Seed, r).</param>
/// <param name="ConfidenceLevel">Level of the percentile intervals.</param>
/// <param name="Parallel">Refit resamples in parallel over cores (the result does not depend on it).</param>
public sealed record BootstrapOptions(int Resamples = 1000, int Seed = 0, double ConfidenceLevel = 0.95, bool Parallel = true)
{
    /// <summary>Throws naming the bad field.</summary>
    public void Validate()
    {
        if (Resamples < 2) throw new ArgumentException($"Resamples is {Resamples}; use at least 2 (hundreds for a stable 95% interval).");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) throw new ArgumentException($"ConfidenceLevel is {ConfidenceLevel}; use a level in (0, 1), e.g. 0.95.");
    }
}
