namespace ScalingLaws.Fitting;

/// <summary>
/// Hoffmann et al. 2022's parametric loss (approach 3, eq. 2): L(N, D) = E + A / N^alpha + B / D^beta
/// (x = N, x2 = D). Fitted as Epoch AI's replication does: ln L = LSE(e, a - alpha ln N, b - beta ln D)
/// with E = e^e, A = e^a, B = e^b.
/// </summary>
public sealed class ChinchillaLoss : ScalingLaw
{
    /// <inheritdoc/>
    public override string Name => "chinchilla";

    /// <inheritdoc/>
    public override string Formula => "L(N, D) = E + A / N^alpha + B / D^beta";

    /// <inheritdoc/>
    public override int VariableCount => 2;

    /// <inheritdoc/>
    public override IReadOnlyList<LawParameter> Parameters { get; } =
    [
        LawParameter.Scale("E"), LawParameter.Scale("A"), LawParameter.Scale("B"),
        // Epoch's grid starts the exponents at 0, so they are bounded only by what keeps the law finite.
        new LawParameter("alpha", false, double.NegativeInfinity, double.PositiveInfinity),
        new LawParameter("beta", false, double.NegativeInfinity, double.PositiveInfinity),
    ];

    /// <inheritdoc/>
    public override void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian)
    {
        double e = theta[0], a = theta[1], b = theta[2], alpha = theta[3], beta = theta[4];
        for (int i = 0; i < logX.Length; i++)
        {
            double sA = a - alpha * logX[i], sB = b - beta * logX2[i];
            double m = Math.Max(e, Math.Max(sA, sB));
            double wE = Math.Exp(e - m), wA = Math.Exp(sA - m), wB = Math.Exp(sB - m), sum = wE + wA + wB;
            logPrediction[i] = m + Math.Log(sum);
            if (jacobian.IsEmpty) continue;
            double pE = wE / sum, pA = wA / sum, pB = wB / sum;
            int row = 5 * i;
            jacobian[row] = pE;
            jacobian[row + 1] = pA;
            jacobian[row + 2] = pB;
            jacobian[row + 3] = -pA * logX[i];
            jacobian[row + 4] = -pB * logX2[i];
        }
    }

    /// <summary>
    /// Epoch AI's grid (Besiroglu et al. 2024): alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1},
    /// a, b in {0, 5, ..., 25}; 4,500 starts. It does not depend on the data.
    /// </summary>
    public override IReadOnlyList<double[]> StartingGrid(FitData data)
    {
        var starts = new List<double[]>(4500);
        for (int ia = 0; ia < 5; ia++)
            for (int ib = 0; ib < 5; ib++)
                for (int ie = 0; ie < 5; ie++)
                    for (int ja = 0; ja < 6; ja++)
                        for (int jb = 0; jb < 6; jb++)
                            starts.Add([Math.Exp(-1 + 0.5 * ie), Math.Exp(5.0 * ja), Math.Exp(5.0 * jb), 0.5 * ia, 0.5 * ib]);
        return starts;
    }
}
