namespace ScalingLaws.Fitting;

/// <summary>
/// Kaplan et al. 2020's joint law of model size and data, eq. 1.5:
/// L(N, D) = [(N_c / N)^(alpha_N / alpha_D) + D_c / D]^alpha_D (x = N, x2 = D).
/// In log space: ln L = alpha_D LSE((alpha_N / alpha_D)(ln N_c - ln N), ln D_c - ln D).
/// </summary>
public sealed class KaplanJointNd : ScalingLaw
{
    /// <inheritdoc/>
    public override string Name => "kaplan-nd";

    /// <inheritdoc/>
    public override string Formula => "L(N, D) = [(N_c / N)^(alpha_N / alpha_D) + D_c / D]^alpha_D";

    /// <inheritdoc/>
    public override int VariableCount => 2;

    /// <inheritdoc/>
    public override IReadOnlyList<LawParameter> Parameters { get; } =
        [LawParameter.Scale("N_c"), LawParameter.Exponent("alpha_N"), LawParameter.Scale("D_c"), LawParameter.Exponent("alpha_D")];

    /// <inheritdoc/>
    public override void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian)
    {
        double logNc = theta[0], alphaN = theta[1], logDc = theta[2], alphaD = theta[3], ratio = alphaN / alphaD;
        for (int i = 0; i < logX.Length; i++)
        {
            double gapN = logNc - logX[i], sN = ratio * gapN;
            double bracket = LogSumExp(sN, logDc - logX2[i], out double pN, out double pD);
            logPrediction[i] = alphaD * bracket;
            if (jacobian.IsEmpty) continue;
            jacobian[4 * i] = alphaN * pN;
            jacobian[4 * i + 1] = pN * gapN;
            jacobian[4 * i + 2] = alphaD * pD;
            jacobian[4 * i + 3] = bracket - pN * sN;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> StartingGrid(FitData data)
    {
        // Split the bracket at the data's centre between the N and D terms in several proportions.
        double logN = LogMean(data.X), logD = LogMean(data.X2), logY = LogMean(data.Y);
        var starts = new List<double[]>();
        foreach (double alphaN in new[] { 0.03, 0.076, 0.15, 0.3 })
            foreach (double alphaD in new[] { 0.05, 0.1, 0.2, 0.4 })
                foreach (double share in new[] { 0.2, 0.5, 0.8 })
                {
                    double logBracket = logY / alphaD;
                    double logNc = logN + (logBracket + Math.Log(share)) * alphaD / alphaN;
                    double logDc = logD + logBracket + Math.Log(1 - share);
                    starts.Add([Math.Exp(logNc), alphaN, Math.Exp(logDc), alphaD]);
                }
        return starts;
    }
}
