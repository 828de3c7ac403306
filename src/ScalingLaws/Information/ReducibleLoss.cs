using ScalingLaws.Fitting;

namespace ScalingLaws.Information;

/// <summary>
/// Checks of the power-law term of L(x) = L_inf + (x_0/x)^alpha, the reducible loss: is it a straight line in log-log
/// space, and does the fit without the largest run predict that run's reducible loss?
/// </summary>
public static class ReducibleLoss
{
    /// <summary>
    /// R^2 in log space of the reducible part: ln(y − L_inf) against ln((x_0/x)^alpha), over the points above L_inf
    /// (a point at or below the constant has no reducible part to compare). NaN with fewer than three such points.
    /// </summary>
    public static double R2Log(FitResult fit, FitData data)
    {
        EntropyDecomposition.RequirePowerLawPlusConstant(fit);
        double lInf = fit["L_inf"];
        var pairs = Enumerable.Range(0, data.Count).Where(i => data.Y[i] > lInf)
            .Select(i => (Observed: Math.Log(data.Y[i] - lInf), Predicted: Math.Log(fit.Predict(data.X[i]) - lInf))).ToArray();
        if (pairs.Length < 3) return double.NaN;
        double mean = pairs.Average(p => p.Observed);
        double residual = pairs.Sum(p => Math.Pow(p.Observed - p.Predicted, 2)), total = pairs.Sum(p => Math.Pow(p.Observed - mean, 2));
        return total > 0 ? 1 - residual / total : double.NaN;
    }

    /// <summary>
    /// The held-out run's reducible loss as the fit without it predicts it, against what it measured, both above that
    /// fit's own L_inf: (predicted − observed) / observed, in percent.
    /// </summary>
    public static double HeldOutErrorPercent(ExtrapolationCheck check)
    {
        EntropyDecomposition.RequirePowerLawPlusConstant(check.Fit);
        var point = check.Points[^1];
        double lInf = check.Fit["L_inf"];
        return 100 * ((point.Predicted - lInf) - (point.Observed - lInf)) / (point.Observed - lInf);
    }
}
