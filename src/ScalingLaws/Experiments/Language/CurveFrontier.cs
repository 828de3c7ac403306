using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>
/// The compute-optimal frontier read off learning curves, as Kaplan et al. 2020 did and Porian et al. 2024 reproduce it:
/// every run's held-out loss against the compute it had used so far, in one convention; at each budget of a factor-2
/// grid, the loss of every run that reached it, interpolated over ln N between sizes, counts only where the best size is
/// interior among them. A run says nothing about budgets past its end.
/// </summary>
public static class CurveFrontier
{
    /// <summary>A run's learning curve in <paramref name="convention"/>'s counts (evaluations after step 0), its losses shifted by <paramref name="offset"/>.</summary>
    public static LearningCurve Curve(LanguageRun run, ComputeConvention convention, double offset = 0)
    {
        var points = run.Result.LearningCurve.Where(p => p.Step > 0 && double.IsFinite(p.ValLoss)).ToArray();
        double perToken = convention.FlopsPerToken(run);
        return new LearningCurve(convention.Params(run), points.Select(p => p.Tokens * perToken).ToArray(), points.Select(p => p.ValLoss + offset).ToArray());
    }

    /// <summary>Budgets a factor of <paramref name="factor"/> apart, from the earliest evaluation of any curve to the end of the longest.</summary>
    public static IReadOnlyList<double> Budgets(IReadOnlyList<LearningCurve> curves, double factor = 2)
    {
        double lo = curves.Min(c => c.ComputeFlops[0]), hi = curves.Max(c => c.ComputeFlops[^1]);
        int count = (int)Math.Floor(Math.Log(hi / lo) / Math.Log(factor)) + 1;
        return Enumerable.Range(0, count).Select(i => lo * Math.Pow(factor, i)).ToArray();
    }

    /// <summary>
    /// The optimum at each budget of the grid for <see cref="OptimalAllocation.Fit"/>; D_opt = C / (FLOPs per token at
    /// N_opt), the FLOPs per token interpolated log-log between the sizes.
    /// </summary>
    public static Func<Func<LanguageRun, double>?, IReadOnlyList<OptimalPoint?>> Frontier(IReadOnlyList<LanguageRun> runs, ComputeConvention convention)
    {
        var usable = runs.Where(r => r.Usable && r.Result.LearningCurve.Any(p => p.Step > 0 && double.IsFinite(p.ValLoss)))
            .OrderBy(convention.Params).ToArray();
        if (usable.Length < 3) return _ => [];
        var budgets = Budgets(usable.Select(r => Curve(r, convention)).ToArray());
        double[] logN = usable.Select(r => Math.Log(convention.Params(r))).ToArray(), logF = usable.Select(r => Math.Log(convention.FlopsPerToken(r))).ToArray();
        return offset =>
        {
            var curves = usable.Select(r => Curve(r, convention, offset?.Invoke(r) ?? 0)).ToArray();
            return budgets.Select(budget => ComputeFrontier.Find(curves, [budget]).SingleOrDefault() is { } p
                ? new OptimalPoint(budget, p.NonEmbeddingParams, budget / Math.Exp(Interpolate(logN, logF, Math.Log(p.NonEmbeddingParams))), p.LossNatsPerToken)
                : null).ToArray();
        };
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        int lo = Math.Clamp(Array.FindLastIndex(x, v => v <= at), 0, x.Length - 2);
        return y[lo] + (y[lo + 1] - y[lo]) * (at - x[lo]) / (x[lo + 1] - x[lo]);
    }
}
