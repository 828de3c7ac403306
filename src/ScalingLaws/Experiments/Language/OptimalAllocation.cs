using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>The compute-optimal model at one budget, in one convention's counts.</summary>
/// <param name="ComputeFlops">The budget C in the convention's count.</param>
/// <param name="Params">N_opt in the convention's count.</param>
/// <param name="Tokens">D_opt, tokens trained.</param>
/// <param name="LossNatsPerToken">The loss at the optimum.</param>
public sealed record OptimalPoint(double ComputeFlops, double Params, double Tokens, double LossNatsPerToken);

/// <summary>
/// N_opt(C) = k C^a and D_opt(C) = k' C^b fitted by least squares in log-log space over the budgets whose minimum counts,
/// in one compute convention (named beside every exponent), with intervals from a bootstrap that resamples the budgets
/// and, on top, perturbs every run's loss by the seed-to-seed noise measured between two seeds, refinding each minimum
/// (Porian et al. 2024 bootstrap the minima with seed noise the same way). A budget whose perturbed minimum falls on an
/// edge drops out of that resample.
/// </summary>
/// <param name="Convention">The counts N and C are in.</param>
/// <param name="Points">The optimum at each budget that counts, by compute.</param>
/// <param name="Params">N_opt(C), or null with fewer than 3 budgets.</param>
/// <param name="Tokens">D_opt(C), or null with fewer than 3 budgets.</param>
/// <param name="SeedSigma">The per-run noise the bootstrap added (NaN: none measured, budgets resampled only).</param>
public sealed record OptimalAllocation(ComputeConvention Convention, IReadOnlyList<OptimalPoint> Points, AllocationLaw? Params, AllocationLaw? Tokens, double SeedSigma)
{
    /// <summary>Fewest budgets an allocation law is fitted to.</summary>
    public const int MinimumBudgets = 3;

    /// <summary>The exponent a of N_opt ~ C^a, or NaN.</summary>
    public double Exponent => Params?.Exponent ?? double.NaN;

    /// <summary>
    /// Fits the allocation. <paramref name="frontier"/> gives the optimum at each budget, one slot per budget in a fixed
    /// order (null where the minimum does not count), for runs whose losses are shifted by the given offset (null for the
    /// estimate itself).
    /// </summary>
    public static OptimalAllocation Fit(ComputeConvention convention, Func<Func<LanguageRun, double>?, IReadOnlyList<OptimalPoint?>> frontier,
        double seedSigma, BootstrapOptions options)
    {
        var slots = frontier(null);
        var counted = Enumerable.Range(0, slots.Count).Where(i => slots[i] is not null).ToArray();
        var points = counted.Select(i => slots[i]!).OrderBy(p => p.ComputeFlops).ToArray();
        if (points.Length < MinimumBudgets) return new OptimalAllocation(convention, points, null, null, seedSigma);

        var (nSlope, nIntercept) = Line(counted.Select(i => slots[i]!).ToArray(), p => p.Params, null);
        var (dSlope, dIntercept) = Line(counted.Select(i => slots[i]!).ToArray(), p => p.Tokens, null);
        var samples = Bootstrap.Resample(BootstrapDesign.Points(counted.Length), options, (r, counts) =>
        {
            var resampled = frontier(Noise(seedSigma, options.Seed, r));
            var drawn = counted.Select(i => resampled[i]).ToArray();
            var weights = drawn.Select((p, k) => p is null ? 0 : counts[k]).ToArray();
            var filled = drawn.Select(p => p ?? new OptimalPoint(1, 1, 1, 1)).ToArray();
            var (a, ka) = Line(filled, p => p.Params, weights);
            var (b, kb) = Line(filled, p => p.Tokens, weights);
            return [a, ka, b, kb];
        });
        double level = options.ConfidenceLevel;
        ConfidenceInterval Interval(int column) => ConfidenceInterval.Percentile(samples.Select(s => s[column]), level);
        ConfidenceInterval Coefficient(int column) => ConfidenceInterval.Percentile(samples.Select(s => Math.Exp(s[column])), level);
        return new OptimalAllocation(convention, points,
            new AllocationLaw("N_opt", Math.Exp(nIntercept), nSlope, Coefficient(1), Interval(0)),
            new AllocationLaw("D_opt", Math.Exp(dIntercept), dSlope, Coefficient(3), Interval(2)), seedSigma);
    }

    /// <summary>
    /// The optimum at each budget of IsoFLOP <paramref name="runs"/> in <paramref name="convention"/>'s counts, for
    /// <see cref="Fit"/>: budgets whose minimum counts under the interior and separation rules (profiles found with
    /// <paramref name="fallbackSpread"/> where a budget has no seed pair). Perturbed resamples apply the interior rule only.
    /// </summary>
    public static Func<Func<LanguageRun, double>?, IReadOnlyList<OptimalPoint?>> IsoFlop(IReadOnlyList<LanguageRun> runs,
        ComputeConvention convention, double fallbackSpread = double.NaN)
    {
        var budgets = IsoFlopProfiles.Find(runs, fallbackSpread).Select(p => p.BudgetFlops).ToArray();
        return offset =>
        {
            var profiles = (offset is null ? IsoFlopProfiles.Find(runs, fallbackSpread) : IsoFlopProfiles.Find(runs, loss: r => r.FinalLoss + offset(r)))
                .ToDictionary(p => p.BudgetFlops);
            return budgets.Select(b => profiles.TryGetValue(b, out var p) && p.Counts ? Point(p.Minimum!, convention) : null).ToArray();
        };
    }

    /// <summary>The optimum of one profile in <paramref name="convention"/>'s counts.</summary>
    public static OptimalPoint Point(IsoFlopMinimum m, ComputeConvention convention) =>
        new(m.Compute(convention), m.Params(convention), m.Tokens, m.Loss);

    // Normal noise of standard deviation sigma, one draw per run (keyed by id, so every budget sees the same run shifted alike).
    private static Func<LanguageRun, double> Noise(double sigma, int seed, int resample)
    {
        if (!(sigma > 0)) return _ => 0;
        var rng = SeedSequence.For(seed ^ 0x5EED, resample);
        var drawn = new Dictionary<string, double>(StringComparer.Ordinal);
        return run =>
        {
            if (!drawn.TryGetValue(run.Id, out double value))
            {
                // Box-Muller.
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                drawn[run.Id] = value = sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
            return value;
        };
    }

    private static (double Slope, double Intercept) Line(IReadOnlyList<OptimalPoint> points, Func<OptimalPoint, double> value, IReadOnlyList<double>? weights) =>
        WeightedLine.Fit(points.Select(p => Math.Log(p.ComputeFlops)).ToArray(), points.Select(p => Math.Log(value(p))).ToArray(), weights);
}
