namespace ScalingLaws.Fitting;

/// <summary>
/// Kaplan et al. 2020's critical batch size, eq. 5.7: B_crit(L) = B_star / L^(1/alpha_B)
/// (x = the loss L, y = B_crit in tokens). In log space: ln B_crit = ln B_star - ln L / alpha_B.
/// </summary>
public sealed class CriticalBatchSize : ScalingLaw
{
    /// <inheritdoc/>
    public override string Name => "critical-batch";

    /// <inheritdoc/>
    public override string Formula => "B_crit(L) = B_star / L^(1 / alpha_B)";

    /// <inheritdoc/>
    public override int VariableCount => 1;

    /// <inheritdoc/>
    public override IReadOnlyList<LawParameter> Parameters { get; } = [LawParameter.Scale("B_star"), LawParameter.Exponent("alpha_B", 1e-3, 100)];

    /// <inheritdoc/>
    public override void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian)
    {
        double logBStar = theta[0], alphaB = theta[1];
        for (int i = 0; i < logX.Length; i++)
        {
            logPrediction[i] = logBStar - logX[i] / alphaB;
            if (jacobian.IsEmpty) continue;
            jacobian[2 * i] = 1;
            jacobian[2 * i + 1] = logX[i] / (alphaB * alphaB);
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> StartingGrid(FitData data)
    {
        var (slope, intercept) = WeightedLine.Fit(data.LogXValues, data.LogYValues, data.Weights);
        var starts = new List<double[]>();
        if (slope < 0) starts.Add([Math.Exp(intercept), -1 / slope]);
        foreach (double alphaB in new[] { 0.1, 0.21, 0.5, 1.0 })
            starts.Add([Math.Exp(LogMean(data.Y) + LogMean(data.X) / alphaB), alphaB]);
        return starts;
    }
}
