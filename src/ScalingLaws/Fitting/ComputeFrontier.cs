namespace ScalingLaws.Fitting;

/// <summary>
/// The compute-efficient frontier from many learning curves, as Porian et al. 2024 find it: at each compute
/// budget, the loss of every run that reached it; loss is interpolated over ln N between model sizes
/// (a parabola through the best size and its two neighbours), and a budget counts only where the minimum is
/// interior (not at the smallest or largest size trained). Then N_opt(C) = k C^a and D_opt(C) are fitted
/// in log-log space (weighted, as Porian et al. do, when weights are given) with bootstrap intervals.
/// </summary>
public static class ComputeFrontier
{
    /// <summary><paramref name="count"/> budgets spaced evenly in ln C over the range the runs cover.</summary>
    public static IReadOnlyList<double> LogSpacedBudgets(IReadOnlyList<LearningCurve> curves, int count)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), "Ask for at least 2 budgets.");
        double lo = Math.Log(curves.Min(c => c.ComputeFlops[0])), hi = Math.Log(curves.Max(c => c.ComputeFlops[^1]));
        return Enumerable.Range(0, count).Select(i => Math.Exp(lo + (hi - lo) * i / (count - 1))).ToArray();
    }

    /// <summary>The frontier at each budget where the loss-minimising size is interior; other budgets are skipped.</summary>
    public static IReadOnlyList<FrontierPoint> Find(IReadOnlyList<LearningCurve> curves, IReadOnlyList<double> budgets)
    {
        foreach (var curve in curves) curve.Validate();
        var bySize = curves.OrderBy(c => c.NonEmbeddingParams).ToArray();
        var frontier = new List<FrontierPoint>();
        foreach (double budget in budgets)
        {
            var reached = bySize.Select(c => (LogN: Math.Log(c.NonEmbeddingParams), Loss: c.LossAt(budget)))
                .Where(p => !double.IsNaN(p.Loss)).ToArray();
            int best = InteriorMinimum(reached.Select(p => p.Loss).ToArray());
            if (best < 0) continue;
            var (logN, loss) = ParabolaMinimum(reached[best - 1], reached[best], reached[best + 1]);
            double n = Math.Exp(logN);
            frontier.Add(new FrontierPoint(budget, n, budget / (6 * n), loss));
        }
        return frontier;
    }

    /// <summary>
    /// The compute-efficient frontier as Kaplan et al. 2020 draw it (figure 1): at each budget, the lowest loss any run
    /// had reached with at most that much compute (a finished run keeps its best loss at larger budgets, since it could
    /// have been stopped there), with that run's N and the tokens it had used, C / 6N up to its end. The frontier never
    /// rises. Unlike <see cref="Find"/> it keeps budgets where the best run is the smallest or largest one: the loss is
    /// a measurement either way (L(C_min) is fitted to it); only the best N is then a bound rather than an optimum.
    /// Budgets before any run's first evaluation are skipped.
    /// </summary>
    public static IReadOnlyList<FrontierPoint> Envelope(IReadOnlyList<LearningCurve> curves, IReadOnlyList<double> budgets)
    {
        foreach (var curve in curves) curve.Validate();
        var envelope = new List<FrontierPoint>();
        foreach (double budget in budgets)
        {
            var reached = curves.Select(c => (Curve: c, Loss: c.BestLossBy(budget))).Where(p => !double.IsNaN(p.Loss)).ToArray();
            if (reached.Length == 0) continue;
            var best = reached.MinBy(p => p.Loss);
            double n = best.Curve.NonEmbeddingParams, used = Math.Min(budget, best.Curve.ComputeFlops[^1]);
            envelope.Add(new FrontierPoint(budget, n, used / (6 * n), best.Loss));
        }
        return envelope;
    }

    /// <summary>N_opt(C) = k C^a over the frontier, with bootstrap intervals; optional per-point weights (default equal).</summary>
    public static AllocationLaw FitOptimalParams(IReadOnlyList<FrontierPoint> frontier, BootstrapOptions? options = null, IReadOnlyList<double>? weights = null) =>
        FitAllocation("N_opt", frontier, p => p.NonEmbeddingParams, options, weights);

    /// <summary>D_opt(C) = k C^b over the frontier, with bootstrap intervals; optional per-point weights (default equal).</summary>
    public static AllocationLaw FitOptimalTokens(IReadOnlyList<FrontierPoint> frontier, BootstrapOptions? options = null, IReadOnlyList<double>? weights = null) =>
        FitAllocation("D_opt", frontier, p => p.Tokens, options, weights);

    private static AllocationLaw FitAllocation(string quantity, IReadOnlyList<FrontierPoint> frontier, Func<FrontierPoint, double> value,
        BootstrapOptions? options, IReadOnlyList<double>? weights)
    {
        options ??= new BootstrapOptions();
        if (frontier.Count < 3)
            throw new ArgumentException($"The frontier has {frontier.Count} points; fitting {quantity}(C) needs at least 3. Train more model sizes (the minimum must be interior) or span more compute.");
        var logC = frontier.Select(p => Math.Log(p.ComputeFlops)).ToArray();
        var logQ = frontier.Select(p => Math.Log(value(p))).ToArray();
        if (weights is not null && (weights.Count != frontier.Count || weights.Any(w => !(w > 0) || double.IsInfinity(w))))
            throw new ArgumentException($"Give one positive finite weight per frontier point ({frontier.Count}); got {weights.Count}.");
        var w = weights?.ToArray() ?? Enumerable.Repeat(1.0, frontier.Count).ToArray();
        var (slope, intercept) = WeightedLine.Fit(logC, logQ, w);
        var samples = Bootstrap.Resample(BootstrapDesign.Points(frontier.Count), options, counts =>
        {
            for (int i = 0; i < counts.Length; i++) counts[i] *= w[i];
            // A resample drawing a single budget has no slope (WeightedLine gives NaN); it is dropped from the interval.
            var (s, b) = WeightedLine.Fit(logC, logQ, counts);
            return [s, b];
        });
        return new AllocationLaw(quantity, Math.Exp(intercept), slope,
            ConfidenceInterval.Percentile(samples.Select(s => Math.Exp(s[1])), options.ConfidenceLevel),
            ConfidenceInterval.Percentile(samples.Select(s => s[0]), options.ConfidenceLevel));
    }

    /// <summary>
    /// The index of the first lowest of at least three losses (ordered by size) when it is interior, neither the
    /// smallest nor the largest size; otherwise -1 (an edge minimum says only that the optimum lies beyond the sizes).
    /// </summary>
    internal static int InteriorMinimum(IReadOnlyList<double> losses)
    {
        if (losses.Count < 3) return -1;
        int best = 0;
        for (int j = 1; j < losses.Count; j++) if (losses[j] < losses[best]) best = j;
        return best == 0 || best == losses.Count - 1 ? -1 : best;
    }

    private static (double LogN, double Loss) ParabolaMinimum((double LogN, double Loss) a, (double LogN, double Loss) b, (double LogN, double Loss) c)
    {
        // Vertex of the parabola through three points (b is the lowest, so the curvature is not negative).
        double d1 = (b.Loss - a.Loss) / (b.LogN - a.LogN), d2 = (c.Loss - b.Loss) / (c.LogN - b.LogN);
        double curvature = (d2 - d1) / (c.LogN - a.LogN);
        if (!(curvature > 0)) return b;
        double slopeAtB = d1 + curvature * (b.LogN - a.LogN);
        double logN = Math.Clamp(b.LogN - slopeAtB / (2 * curvature), a.LogN, c.LogN);
        double loss = b.Loss + slopeAtB * (logN - b.LogN) + curvature * (logN - b.LogN) * (logN - b.LogN);
        return (logN, loss);
    }
}
