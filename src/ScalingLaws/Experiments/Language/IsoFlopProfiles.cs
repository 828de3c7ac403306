using MathNet.Numerics.LinearAlgebra;

namespace ScalingLaws.Experiments.Language;

/// <summary>Builds IsoFLOP profiles from budget runs and measures the seed noise that judges them.</summary>
public static class IsoFlopProfiles
{
    /// <summary>
    /// One profile per budget of <paramref name="runs"/> (those with a budget), sizes ordered by N in
    /// <paramref name="axis"/>'s count (head counted by default, as the budgets are), seeds of a size averaged. A budget's
    /// seed spread is the typical difference between two seeds of one size there, the root mean square over its sizes
    /// trained with two or more seeds, else <paramref name="fallbackSpread"/> (NaN: separation not checked).
    /// <paramref name="loss"/> reads a run's loss (its final loss on the validation split by default; a bootstrap passes
    /// perturbed ones).
    /// </summary>
    public static IReadOnlyList<IsoFlopProfile> Find(IEnumerable<LanguageRun> runs, double fallbackSpread = double.NaN,
        ComputeConvention? axis = null, Func<LanguageRun, double>? loss = null)
    {
        axis ??= ComputeConvention.HeadCounted;
        loss ??= r => r.FinalLoss;
        var profiles = new List<IsoFlopProfile>();
        foreach (var budget in runs.Where(r => r.Usable && r.BudgetFlops is not null).GroupBy(r => r.BudgetFlops!.Value).OrderBy(g => g.Key))
        {
            var sizes = budget.GroupBy(r => r.Shape)
                .Select(g =>
                {
                    var bySeed = g.OrderBy(r => r.Seed).ToArray();
                    var losses = bySeed.Select(loss).ToArray();
                    return new IsoFlopSize(bySeed, losses.Average(), losses.Max() - losses.Min());
                })
                .OrderBy(s => axis.Params(s.Run)).ToArray();
            var paired = sizes.Where(s => s.Seeds >= 2).ToArray();
            double spread = paired.Length > 0 ? Math.Sqrt(paired.Average(s => s.Spread * s.Spread)) : fallbackSpread;
            profiles.Add(Judge(budget.Key, sizes, spread, axis));
        }
        return profiles;
    }

    /// <summary>
    /// The per-run seed noise: sigma with sigma^2 = mean of (difference between two seeds)^2 / 2 over every size trained
    /// with two seeds (the first two), and how many pairs it rests on; NaN with none.
    /// </summary>
    public static (double Sigma, int Pairs) SeedNoise(IEnumerable<LanguageRun> runs)
    {
        var differences = runs.Where(r => r.Usable && r.BudgetFlops is not null)
            .GroupBy(r => (r.BudgetFlops!.Value, r.Shape))
            .Select(g => g.OrderBy(r => r.Seed).Take(2).ToArray())
            .Where(pair => pair.Length == 2)
            .Select(pair => pair[0].FinalLoss - pair[1].FinalLoss).ToArray();
        return differences.Length == 0 ? (double.NaN, 0) : (Math.Sqrt(differences.Average(d => d * d) / 2), differences.Length);
    }

    /// <summary>
    /// The spread between two seeds of one size over all budgets, the root mean square over every size trained with two
    /// or more seeds (NaN with none): the fallback for a budget without pairs of its own.
    /// </summary>
    public static double PooledSeedSpread(IReadOnlyList<IsoFlopProfile> profiles)
    {
        var spreads = profiles.SelectMany(p => p.Sizes).Where(s => s.Seeds >= 2).Select(s => s.Spread).ToArray();
        return spreads.Length == 0 ? double.NaN : Math.Sqrt(spreads.Average(s => s * s));
    }

    /// <summary>Applies the interior and separation rules to one budget's sizes and interpolates its minimum.</summary>
    internal static IsoFlopProfile Judge(double budget, IReadOnlyList<IsoFlopSize> sizes, double spread, ComputeConvention axis)
    {
        if (sizes.Count < 3) return new IsoFlopProfile(budget, sizes, -1, spread, ProfileVerdict.TooFewSizes, null);
        int best = 0;
        for (int i = 1; i < sizes.Count; i++) if (sizes[i].Loss < sizes[best].Loss) best = i;
        if (best == 0) return new IsoFlopProfile(budget, sizes, best, spread, ProfileVerdict.EdgeSmallest, null);
        if (best == sizes.Count - 1) return new IsoFlopProfile(budget, sizes, best, spread, ProfileVerdict.EdgeLargest, null);
        bool separated = !double.IsFinite(spread)
            || (sizes[best - 1].Loss - sizes[best].Loss > 2 * spread && sizes[best + 1].Loss - sizes[best].Loss > 2 * spread);
        return new IsoFlopProfile(budget, sizes, best, spread, separated ? ProfileVerdict.Interior : ProfileVerdict.NotSeparated, Vertex(sizes, best, axis));
    }

    /// <summary>
    /// The vertex of a least-squares parabola in ln N (Hoffmann et al. 2022, approach 2) through the best size and up to
    /// two neighbours on each side: more than three points, so noise in one moves the vertex little, but not the far
    /// sizes of a lopsided profile, which would drag it. Clamped to the sizes used; a parabola that cannot hold the
    /// profile (flat or bent the wrong way) gives the best size itself.
    /// </summary>
    private static IsoFlopMinimum Vertex(IReadOnlyList<IsoFlopSize> sizes, int best, ComputeConvention axis)
    {
        int from = Math.Max(0, best - 2), to = Math.Min(sizes.Count, best + 3);
        var near = sizes.Skip(from).Take(to - from).ToArray();
        double[] x = near.Select(s => Math.Log(axis.Params(s.Run))).ToArray(), y = near.Select(s => s.Loss).ToArray();
        double m = x.Average();
        var design = Matrix<double>.Build.Dense(x.Length, 3, (i, j) => Math.Pow(x[i] - m, 2 - j));
        var c = design.QR().Solve(Vector<double>.Build.DenseOfArray(y));
        int b = best - from;
        double logN = c[0] > 0 ? Math.Clamp(m - c[1] / (2 * c[0]), x[0], x[^1]) : x[b];
        double lossAt = c[0] > 0 ? c[0] * (logN - m) * (logN - m) + c[1] * (logN - m) + c[2] : y[b];
        int lo = Math.Min(Math.Max(Array.FindLastIndex(x, v => v <= logN), 0), x.Length - 2);
        double t = Math.Clamp((logN - x[lo]) / (x[lo + 1] - x[lo]), 0, 1);
        return new IsoFlopMinimum(near[lo].Run, near[lo + 1].Run, t, lossAt);
    }
}
