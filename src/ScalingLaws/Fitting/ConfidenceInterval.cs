namespace ScalingLaws.Fitting;

/// <summary>A two-sided interval at the given level (0.95 for a 95% interval).</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>Whether <paramref name="value"/> lies inside (bounds included).</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>The percentile interval of <paramref name="samples"/> (NaNs ignored).</summary>
    public static ConfidenceInterval Percentile(IEnumerable<double> samples, double level)
    {
        var sorted = samples.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return new(double.NaN, double.NaN, level);
        double tail = (1 - level) / 2;
        return new(Quantile(sorted, tail), Quantile(sorted, 1 - tail), level);
    }

    /// <summary>Quantile of sorted values by linear interpolation between order statistics (Hyndman-Fan type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double probability)
    {
        double position = probability * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"[{Lower:G4}, {Upper:G4}] ({Level:P0})";
}
