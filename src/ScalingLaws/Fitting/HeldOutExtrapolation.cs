namespace ScalingLaws.Fitting;

/// <summary>One held-out point: what was observed and what the fit on the smaller points predicted.</summary>
/// <param name="X">The point's x.</param>
/// <param name="X2">The point's x2 (NaN for one-variable laws).</param>
/// <param name="Observed">Observed y.</param>
/// <param name="Predicted">The law fitted without this point, evaluated at it.</param>
public sealed record HeldOutPoint(double X, double X2, double Observed, double Predicted)
{
    /// <summary>(predicted - observed) / observed, in percent.</summary>
    public double PercentError => 100 * (Predicted - Observed) / Observed;
}

/// <summary>The result of fitting on all but the largest x and predicting those.</summary>
/// <param name="Fit">The fit on the remaining points.</param>
/// <param name="Points">The held-out points, largest x last.</param>
public sealed record ExtrapolationCheck(FitResult Fit, IReadOnlyList<HeldOutPoint> Points)
{
    /// <summary>Mean of |percent error| over the held-out points.</summary>
    public double MeanAbsolutePercentError => Points.Average(p => Math.Abs(p.PercentError));
}

/// <summary>
/// The test a scaling law exists to pass: fit it on the smaller runs, predict the largest ones
/// (largest x, ties broken by x2), and report the percent error of each prediction.
/// </summary>
public static class HeldOutExtrapolation
{
    /// <summary>Fits on all but the <paramref name="heldOut"/> points with the largest x and predicts those.</summary>
    public static ExtrapolationCheck Run(ScalingLaw law, FitData data, int heldOut, FitOptions? options = null)
    {
        if (heldOut < 1 || heldOut >= data.Count)
            throw new ArgumentOutOfRangeException(nameof(heldOut), $"Can hold out 1 to {data.Count - 1} of {data.Count} points; asked for {heldOut}.");
        var order = Enumerable.Range(0, data.Count)
            .OrderBy(i => data.X[i]).ThenBy(i => data.HasX2 ? data.X2[i] : 0).ThenBy(i => i).ToArray();
        var fit = ScalingLawFitter.Fit(law, data.Subset(order[..^heldOut]), options);
        var points = order[^heldOut..].Select(i =>
        {
            double x2 = data.HasX2 ? data.X2[i] : double.NaN;
            return new HeldOutPoint(data.X[i], x2, data.Y[i], fit.Predict(data.X[i], x2));
        }).ToArray();
        return new ExtrapolationCheck(fit, points);
    }
}
