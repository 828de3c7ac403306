namespace ScalingLaws.Fitting;

/// <summary>
/// The one weighted least-squares line y = intercept + slope x. Through (ln x, ln y) it is the exact fit of a pure
/// power law (N_opt(C) = k C^a, as Porian et al. 2024 fit the frontier) and the start of the nonlinear fits; through
/// raw losses it summarises one loss against another (transfer against validation loss).
/// </summary>
public static class WeightedLine
{
    /// <summary>
    /// Slope and intercept by weighted least squares (all weights 1 when <paramref name="weights"/> is null; a zero
    /// weight drops a point). Both are NaN when the weighted points do not spread in x: no line is determined then.
    /// </summary>
    public static (double Slope, double Intercept) Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? weights = null)
    {
        if (x.Count != y.Count || (weights is not null && weights.Count != x.Count))
            throw new ArgumentException($"A line fit needs one x, one y{(weights is null ? "" : " and one weight")} per point; got {x.Count} x, {y.Count} y{(weights is null ? "" : $" and {weights.Count} weights")}.");
        if (!Spreads(x, weights)) return (double.NaN, double.NaN);
        double sw = 0, sx = 0, sy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double w = weights?[i] ?? 1;
            sw += w;
            sx += w * x[i];
            sy += w * y[i];
        }
        double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double w = weights?[i] ?? 1, dx = x[i] - mx;
            sxx += w * dx * dx;
            sxy += w * dx * (y[i] - my);
        }
        double slope = sxy / sxx;
        return (slope, my - slope * mx);
    }

    // Two weighted points at different x. Tested directly: a centred sum of squares of equal x need not be exactly 0.
    private static bool Spreads(IReadOnlyList<double> x, IReadOnlyList<double>? weights)
    {
        double? first = null;
        for (int i = 0; i < x.Count; i++)
        {
            if (!((weights?[i] ?? 1) > 0)) continue;
            if (first is null) first = x[i];
            else if (x[i] != first) return true;
        }
        return false;
    }
}
