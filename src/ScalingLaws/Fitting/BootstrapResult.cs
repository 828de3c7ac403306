namespace ScalingLaws.Fitting;

/// <summary>
/// The refitted parameters of every bootstrap resample and their percentile intervals. Any quantity
/// derived from the parameters gets its interval from <see cref="IntervalOf"/>.
/// </summary>
public sealed class BootstrapResult
{
    internal BootstrapResult(ScalingLaw law, double[][] samples, double level)
    {
        Law = law;
        Samples = samples;
        ConfidenceLevel = level;
        Intervals = law.ParameterNames.Select((name, j) => (name, j))
            .ToDictionary(p => p.name, p => ConfidenceInterval.Percentile(samples.Select(s => s[p.j]), level));
    }

    /// <summary>The law refitted.</summary>
    public ScalingLaw Law { get; }

    /// <summary>Per resample, the parameters in natural units (NaN where a refit failed).</summary>
    public IReadOnlyList<double[]> Samples { get; }

    /// <summary>The interval level.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Percentile interval per parameter symbol.</summary>
    public IReadOnlyDictionary<string, ConfidenceInterval> Intervals { get; }

    /// <summary>Resamples whose refit failed (non-finite objective).</summary>
    public int FailedResamples => Samples.Count(s => double.IsNaN(s[0]));

    /// <summary>Standard deviation of each parameter over the resamples (the bootstrap standard error).</summary>
    public IReadOnlyDictionary<string, double> StandardErrors => Law.ParameterNames.Select((name, j) => (name, j)).ToDictionary(p => p.name, p =>
    {
        var values = Samples.Select(s => s[p.j]).Where(v => !double.IsNaN(v)).ToArray();
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    });

    /// <summary>Percentile interval of a quantity computed from each resample's parameters.</summary>
    public ConfidenceInterval IntervalOf(Func<IReadOnlyList<double>, double> statistic) =>
        ConfidenceInterval.Percentile(Samples.Where(s => !double.IsNaN(s[0])).Select(s => statistic(s)), ConfidenceLevel);
}
