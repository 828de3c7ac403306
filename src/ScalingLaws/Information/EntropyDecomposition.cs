using ScalingLaws.Fitting;

namespace ScalingLaws.Information;

/// <summary>
/// Henighan et al. 2020's reading of L(x) = L_inf + (x_0/x)^alpha: the loss splits as
/// L = S(true) + D_KL(true || model), with S(true) = L_inf the entropy of the data and the power-law term
/// the reducible loss. Intervals come from the fit's bootstrap when one is given.
/// </summary>
/// <param name="X">Where the decomposition is taken (N or C, as the law was fitted).</param>
/// <param name="TotalLoss">L(x).</param>
/// <param name="Entropy">S(true) = L_inf.</param>
/// <param name="KlDivergence">D_KL(true || model) = (x_0/x)^alpha, the reducible loss.</param>
/// <param name="EntropyInterval">Bootstrap interval of the entropy, if a bootstrap was given.</param>
/// <param name="KlDivergenceInterval">Bootstrap interval of the reducible loss, if a bootstrap was given.</param>
public sealed record EntropyDecomposition(double X, double TotalLoss, double Entropy, double KlDivergence,
    ConfidenceInterval? EntropyInterval, ConfidenceInterval? KlDivergenceInterval)
{
    /// <summary>Decomposes a power-law-plus-constant fit at <paramref name="x"/>.</summary>
    public static EntropyDecomposition At(FitResult fit, double x, BootstrapResult? bootstrap = null)
    {
        RequirePowerLawPlusConstant(fit);
        double reducible = Reducible(fit.Values, x);
        return new EntropyDecomposition(x, fit.Predict(x), fit["L_inf"], reducible,
            bootstrap?.IntervalOf(p => p[0]), bootstrap?.IntervalOf(p => Reducible(p, x)));
    }

    internal static double Reducible(IReadOnlyList<double> p, double x) => Math.Pow(p[1] / x, p[2]);

    internal static void RequirePowerLawPlusConstant(FitResult fit)
    {
        if (fit.Law is not PowerLawPlusConstant)
            throw new ArgumentException($"The entropy/KL decomposition reads L_inf + (x_0/x)^alpha; this fit is of {fit.Law.Name} ({fit.Law.Formula}). Fit the power-plus-constant law.");
    }
}
