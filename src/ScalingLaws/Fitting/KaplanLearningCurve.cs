namespace ScalingLaws.Fitting;

/// <summary>
/// Kaplan et al. 2020's learning-curve law, eq. 1.6: L(N, S) = (N_c / N)^alpha_N + (S_c / S)^alpha_S
/// (x = N, x2 = S_min, the steps at large batch). In log space:
/// ln L = LSE(alpha_N (ln N_c - ln N), alpha_S (ln S_c - ln S)).
/// </summary>
public sealed class KaplanLearningCurve : ScalingLaw
{
    /// <inheritdoc/>
    public override string Name => "kaplan-ns";

    /// <inheritdoc/>
    public override string Formula => "L(N, S) = (N_c / N)^alpha_N + (S_c / S)^alpha_S";

    /// <inheritdoc/>
    public override int VariableCount => 2;

    /// <inheritdoc/>
    public override IReadOnlyList<LawParameter> Parameters { get; } =
        [LawParameter.Scale("N_c"), LawParameter.Exponent("alpha_N"), LawParameter.Scale("S_c"), LawParameter.Exponent("alpha_S")];

    /// <inheritdoc/>
    public override void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian)
    {
        double logNc = theta[0], alphaN = theta[1], logSc = theta[2], alphaS = theta[3];
        for (int i = 0; i < logX.Length; i++)
        {
            double gapN = logNc - logX[i], gapS = logSc - logX2[i];
            logPrediction[i] = LogSumExp(alphaN * gapN, alphaS * gapS, out double pN, out double pS);
            if (jacobian.IsEmpty) continue;
            jacobian[4 * i] = pN * alphaN;
            jacobian[4 * i + 1] = pN * gapN;
            jacobian[4 * i + 2] = pS * alphaS;
            jacobian[4 * i + 3] = pS * gapS;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> StartingGrid(FitData data)
    {
        // Split the loss at the data's centre between the N and S terms in several proportions.
        double logN = LogMean(data.X), logS = LogMean(data.X2), y = Math.Exp(LogMean(data.Y));
        var starts = new List<double[]>();
        foreach (double alphaN in new[] { 0.03, 0.076, 0.15, 0.3, 0.6 })
            foreach (double alphaS in new[] { 0.1, 0.3, 0.76, 1.5 })
                foreach (double share in new[] { 0.25, 0.5, 0.75 })
                    starts.Add([
                        Math.Exp(logN + Math.Log(share * y) / alphaN), alphaN,
                        Math.Exp(logS + Math.Log((1 - share) * y) / alphaS), alphaS]);
        return starts;
    }
}
