namespace ScalingLaws.Fitting;

/// <summary>
/// A compute-optimal allocation Q_opt(C) = k C^a (Q = N or D), fitted by least squares in log-log space
/// over the frontier, with bootstrap percentile intervals over the frontier points.
/// </summary>
/// <param name="Quantity">What Q is ("N_opt" or "D_opt").</param>
/// <param name="Coefficient">k.</param>
/// <param name="Exponent">a.</param>
/// <param name="CoefficientInterval">Interval of k.</param>
/// <param name="ExponentInterval">Interval of a.</param>
public sealed record AllocationLaw(string Quantity, double Coefficient, double Exponent, ConfidenceInterval CoefficientInterval, ConfidenceInterval ExponentInterval)
{
    /// <summary>Q_opt at compute <paramref name="flops"/>.</summary>
    public double Predict(double flops) => Coefficient * Math.Pow(flops, Exponent);

    /// <inheritdoc/>
    public override string ToString() => $"{Quantity}(C) = {Coefficient:G4} C^{Exponent:F3}, a in {ExponentInterval}";
}
