using ScalingLaws.Reference;

namespace ScalingLaws.Experiments.Language;

/// <summary>
/// Kaplan et al. 2020's rule of thumb for enough data (eq. 4.4): the loss stays within about 2% of the converged loss when
/// D >~ 5e3 N^0.74 tokens, N non-embedding. Read from data/reference/kaplan2020.csv.
/// </summary>
public static class DataSufficiency
{
    /// <summary>Tokens Kaplan's rule asks for at size <paramref name="n"/>.</summary>
    public static double KaplanMinimumTokens(double n) =>
        PublishedConstants.Kaplan2020["D_min_coefficient"] * Math.Pow(n, PublishedConstants.Kaplan2020["overfit_exponent"]);

    /// <summary>The largest N that <paramref name="tokens"/> of data suffice for under the rule.</summary>
    public static double LargestSufficientN(double tokens) =>
        Math.Pow(tokens / PublishedConstants.Kaplan2020["D_min_coefficient"], 1 / PublishedConstants.Kaplan2020["overfit_exponent"]);
}
