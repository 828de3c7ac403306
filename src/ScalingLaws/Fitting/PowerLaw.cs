namespace ScalingLaws.Fitting;

/// <summary>
/// L(x) = (x_c / x)^alpha: Kaplan et al. 2020's L(N), L(D) and L(C_min) (eqs. 1.1-1.3).
/// In log space: ln L = alpha (ln x_c - ln x).
/// </summary>
public sealed class PowerLaw : ScalingLaw
{
    /// <inheritdoc/>
    public override string Name => "power";

    /// <inheritdoc/>
    public override string Formula => "L(x) = (x_c / x)^alpha";

    /// <inheritdoc/>
    public override int VariableCount => 1;

    /// <inheritdoc/>
    public override IReadOnlyList<LawParameter> Parameters { get; } = [LawParameter.Scale("x_c"), LawParameter.Exponent("alpha")];

    /// <inheritdoc/>
    public override void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian)
    {
        double logXc = theta[0], alpha = theta[1];
        for (int i = 0; i < logX.Length; i++)
        {
            double gap = logXc - logX[i];
            logPrediction[i] = alpha * gap;
            if (jacobian.IsEmpty) continue;
            jacobian[2 * i] = alpha;
            jacobian[2 * i + 1] = gap;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> StartingGrid(FitData data)
    {
        // A straight line in log-log space gives the exact least-squares answer; the grid around it makes
        // the Huber fit and bounded cases robust.
        var (slope, intercept) = WeightedLine.Fit(data.LogXValues, data.LogYValues, data.Weights);
        var starts = new List<double[]>();
        foreach (double alpha in new[] { -slope, 0.05, 0.2, 0.8 })
        {
            if (!(alpha > 0)) continue;
            // Keep the line through the data's centre: alpha (ln x_c - ln x_mid) = ln y_mid.
            double logXc = alpha == -slope ? intercept / alpha : LogMean(data.X) + LogMean(data.Y) / alpha;
            starts.Add([Math.Exp(logXc), alpha]);
        }
        return starts;
    }
}
