namespace ScalingLaws.Fitting;

/// <summary>
/// What a bootstrap draws with replacement. A unit is one or more points that move together; strata are resampled
/// independently, each keeping its number of units.
/// <list type="bullet">
/// <item><see cref="Points"/>: every point is a unit (frontier budgets, runs' final losses, held-out examples).</item>
/// <item><see cref="Clusters"/>: all points of one run are one unit (evaluations along one learning curve share that
/// run's error, so they are not independent).</item>
/// <item><see cref="Stratified"/>: independent samples (runs trained without captions and other runs trained with
/// them), each resampled within itself.</item>
/// </list>
/// A paired design (the same examples, or the same runs, measured two ways) is <see cref="Points"/> over units that carry
/// both measurements: the statistic reads both values of every drawn unit.
/// </summary>
public sealed class BootstrapDesign
{
    // stratum -> unit -> the points of that unit, each level in a fixed order so a seed always draws the same resample.
    private readonly int[][][] strata;

    private BootstrapDesign(int pointCount, int[][][] strata)
    {
        PointCount = pointCount;
        this.strata = strata;
    }

    /// <summary>How many points a resample weights.</summary>
    public int PointCount { get; }

    /// <summary>How many units are drawn per resample (over all strata).</summary>
    public int UnitCount => strata.Sum(s => s.Length);

    /// <summary>Every one of <paramref name="count"/> points is its own unit.</summary>
    public static BootstrapDesign Points(int count)
    {
        if (count < 1) throw new ArgumentException($"A bootstrap needs at least one point to resample; got {count}.");
        return new(count, [Enumerable.Range(0, count).Select(i => new[] { i }).ToArray()]);
    }

    /// <summary>Whole clusters are units: <paramref name="clusterOfPoint"/> gives each point's cluster id (e.g. its run).</summary>
    public static BootstrapDesign Clusters(IReadOnlyList<int> clusterOfPoint)
    {
        if (clusterOfPoint.Count < 1) throw new ArgumentException("A bootstrap needs at least one point to resample; got none.");
        return new(clusterOfPoint.Count, [Units(Enumerable.Range(0, clusterOfPoint.Count), clusterOfPoint)]);
    }

    /// <summary>
    /// Independent samples: the points of each stratum (<paramref name="stratumOfPoint"/>) are resampled among
    /// themselves, as points or, with <paramref name="clusterOfPoint"/>, as whole clusters within the stratum.
    /// </summary>
    public static BootstrapDesign Stratified(IReadOnlyList<int> stratumOfPoint, IReadOnlyList<int>? clusterOfPoint = null)
    {
        if (stratumOfPoint.Count < 1) throw new ArgumentException("A bootstrap needs at least one point to resample; got none.");
        if (clusterOfPoint is not null && clusterOfPoint.Count != stratumOfPoint.Count)
            throw new ArgumentException($"Give one cluster id per point ({stratumOfPoint.Count}); got {clusterOfPoint.Count}.");
        var strata = Enumerable.Range(0, stratumOfPoint.Count).GroupBy(i => stratumOfPoint[i]).OrderBy(g => g.Key)
            .Select(g => clusterOfPoint is null ? g.Select(i => new[] { i }).ToArray() : Units(g, clusterOfPoint))
            .ToArray();
        return new(stratumOfPoint.Count, strata);
    }

    /// <summary>
    /// How often each point occurs in resample <paramref name="resample"/> under <paramref name="seed"/>: for each
    /// stratum, as many units as it has, each drawn uniformly with replacement (SeedSequence.For(seed, resample)
    /// drives the draws, so the answer does not depend on threads). The counts serve as fit weights.
    /// </summary>
    public double[] Counts(int seed, int resample)
    {
        var rng = SeedSequence.For(seed, resample);
        var counts = new double[PointCount];
        foreach (var units in strata)
            for (int draw = 0; draw < units.Length; draw++)
                foreach (int point in units[rng.Next(units.Length)]) counts[point] += 1;
        return counts;
    }

    private static int[][] Units(IEnumerable<int> points, IReadOnlyList<int> clusterOfPoint) =>
        points.GroupBy(i => clusterOfPoint[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
}
