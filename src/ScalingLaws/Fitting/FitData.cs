namespace ScalingLaws.Fitting;

/// <summary>
/// Points to fit: x (N, D, C or loss, depending on the law), an optional second variable x2, the
/// observed y (usually a loss in nats per token), and optional per-point weights. Immutable; the
/// constructor rejects what no law can fit (non-positive or non-finite values, mismatched lengths).
/// </summary>
public sealed class FitData
{
    /// <summary>First variable per point.</summary>
    public IReadOnlyList<double> X => x;

    /// <summary>Second variable per point (empty for one-variable data).</summary>
    public IReadOnlyList<double> X2 => x2;

    /// <summary>Observed value per point (the loss, or B_crit for the critical-batch law).</summary>
    public IReadOnlyList<double> Y => y;

    /// <summary>Per-point weights (all 1 unless given).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>Number of points.</summary>
    public int Count => y.Length;

    /// <summary>True when a second variable is present.</summary>
    public bool HasX2 => x2.Length > 0;

    internal readonly double[] LogXValues, LogX2Values, LogYValues;
    private readonly double[] x, x2, y, weights;

    /// <summary>Creates the data set; throws <see cref="ArgumentException"/> naming the bad point.</summary>
    public FitData(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? x2 = null, IReadOnlyList<double>? weights = null,
        string xName = "x", string yName = "y", string x2Name = "x2")
    {
        if (x.Count != y.Count)
            throw new ArgumentException($"{xName} has {x.Count} values but {yName} has {y.Count}; give one of each per point.");
        if (x2 is not null && x2.Count != y.Count)
            throw new ArgumentException($"{x2Name} has {x2.Count} values but {yName} has {y.Count}; give one of each per point.");
        if (weights is not null && weights.Count != y.Count)
            throw new ArgumentException($"weights has {weights.Count} values but {yName} has {y.Count}; give one weight per point.");
        RequirePositive(x, xName);
        RequirePositive(y, yName);
        if (x2 is not null) RequirePositive(x2, x2Name);
        if (weights is not null)
            for (int i = 0; i < weights.Count; i++)
                if (!(weights[i] >= 0) || double.IsInfinity(weights[i]))
                    throw new ArgumentException($"weight at point {i} is {weights[i]}; weights must be finite and non-negative.");
        this.x = x.ToArray();
        this.y = y.ToArray();
        this.x2 = x2?.ToArray() ?? [];
        this.weights = weights?.ToArray() ?? Enumerable.Repeat(1.0, y.Count).ToArray();
        LogXValues = this.x.Select(v => Math.Log(v)).ToArray();
        LogX2Values = this.x2.Select(v => Math.Log(v)).ToArray();
        LogYValues = this.y.Select(v => Math.Log(v)).ToArray();
    }

    /// <summary>The same points with other weights (the bootstrap uses resample counts as weights).</summary>
    public FitData WithWeights(IReadOnlyList<double> newWeights) => new(x, y, HasX2 ? x2 : null, newWeights);

    /// <summary>The points at the given indices, in that order.</summary>
    public FitData Subset(IReadOnlyList<int> indices) => new(
        indices.Select(i => x[i]).ToArray(), indices.Select(i => y[i]).ToArray(),
        HasX2 ? indices.Select(i => x2[i]).ToArray() : null, indices.Select(i => weights[i]).ToArray());

    /// <summary>
    /// Drops the <paramref name="count"/> points with the highest y, as Epoch AI's Chinchilla recipe drops
    /// the 5 highest-loss runs before fitting.
    /// </summary>
    public FitData WithoutHighestY(int count)
    {
        if (count < 0 || count >= Count) throw new ArgumentOutOfRangeException(nameof(count), $"Can drop 0 to {Count - 1} of {Count} points; asked for {count}.");
        var keep = Enumerable.Range(0, Count).OrderBy(i => y[i]).ThenBy(i => i).Take(Count - count).OrderBy(i => i).ToArray();
        return Subset(keep);
    }

    private static void RequirePositive(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
            if (!(values[i] > 0) || double.IsInfinity(values[i]))
                throw new ArgumentException($"{name} at point {i} (row {i + 1}) is {values[i]}; scaling laws are fitted in log space, so every {name} must be a positive finite number. Remove or fix that point.");
    }
}
