namespace ScalingLaws.Fitting;

/// <summary>
/// L(x) = L_inf + (x_0 / x)^alpha: Henighan et al. 2020, eq. 1.1. L_inf estimates the entropy of the
/// true distribution and the power-law term the reducible loss D_KL(true || model).
/// In log space: ln L = LSE(ln L_inf, alpha (ln x_0 - ln x)).
/// </summary>
public sealed class PowerLawPlusConstant : ScalingLaw
{
    /// <inheritdoc/>
    public override string Name => "power-plus-constant";

    /// <inheritdoc/>
    public override string Formula => "L(x) = L_inf + (x_0 / x)^alpha";

    /// <inheritdoc/>
    public override int VariableCount => 1;

    /// <inheritdoc/>
    public override IReadOnlyList<LawParameter> Parameters { get; } =
        [LawParameter.Scale("L_inf"), LawParameter.Scale("x_0"), LawParameter.Exponent("alpha")];

    /// <inheritdoc/>
    public override void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian)
    {
        double logLInf = theta[0], logX0 = theta[1], alpha = theta[2];
        for (int i = 0; i < logX.Length; i++)
        {
            double gap = logX0 - logX[i];
            logPrediction[i] = LogSumExp(logLInf, alpha * gap, out double pConstant, out double pPower);
            if (jacobian.IsEmpty) continue;
            jacobian[3 * i] = pConstant;
            jacobian[3 * i + 1] = pPower * alpha;
            jacobian[3 * i + 2] = pPower * gap;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> StartingGrid(FitData data)
    {
        // L_inf a fraction of the lowest loss; x_0 set so the reducible term matches the data at their centre.
        double minY = data.Y.Min(), meanY = data.Y.Average(), logXMid = LogMean(data.X);
        var starts = new List<double[]>();
        foreach (double fraction in new[] { 0.3, 0.6, 0.9 })
            foreach (double alpha in new[] { 0.05, 0.1, 0.2, 0.4, 0.8, 1.6 })
            {
                double lInf = fraction * minY, reducible = meanY - lInf;
                starts.Add([lInf, Math.Exp(logXMid + Math.Log(reducible) / alpha), alpha]);
            }
        return starts;
    }
}
