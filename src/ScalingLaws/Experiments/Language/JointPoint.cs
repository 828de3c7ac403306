using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One run as a point of a joint L(N, D) fit.</summary>
/// <param name="Id">The run.</param>
/// <param name="NonEmbeddingParams">N, Kaplan's count.</param>
/// <param name="TotalParams">N, Chinchilla's count (embeddings and head included).</param>
/// <param name="UniqueTokens">Kaplan's D: the distinct tokens the run is expected to have seen.</param>
/// <param name="TokensTrained">Chinchilla's D: the tokens it trained on, repeats included.</param>
/// <param name="Passes">Tokens trained over the tokens it could draw from.</param>
/// <param name="Loss">Its final loss on the whole validation split (early-stopped model where early stopping was on).</param>
public sealed record JointPoint(string Id, double NonEmbeddingParams, double TotalParams, double UniqueTokens, double TokensTrained, double Passes, double Loss)
{
    /// <summary>
    /// Passes beyond which repeated tokens stop counting as new data (Muennighoff et al. 2023, "Scaling Data-Constrained
    /// Language Models": up to about 4 epochs, repetition is almost as good as new data).
    /// </summary>
    public const double RepetitionLimit = 4;

    /// <summary>Whether the run stayed within <see cref="RepetitionLimit"/> passes.</summary>
    public bool WithinRepetitionLimit => Passes <= RepetitionLimit;

    /// <summary>The runs as joint points; <paramref name="fullTrainTokens"/> is the training split's size.</summary>
    public static IReadOnlyList<JointPoint> Of(IEnumerable<LanguageRun> runs, long fullTrainTokens) =>
        runs.Where(r => r.Usable).Select(r => new JointPoint(r.Id, r.N, r.TotalParams, r.EffectiveDatasetTokens(fullTrainTokens), r.Result.Tokens,
            r.Passes(fullTrainTokens), r.FinalLoss)).ToArray();

    /// <summary>Fit data for Kaplan et al.'s eq. 1.5: N non-embedding and D the unique tokens seen.</summary>
    public static FitData Kaplan(IReadOnlyList<JointPoint> points) =>
        new(points.Select(p => p.NonEmbeddingParams).ToArray(), points.Select(p => p.Loss).ToArray(), x2: points.Select(p => p.UniqueTokens).ToArray(),
            xName: "N", yName: "loss", x2Name: "D");

    /// <summary>Fit data for Chinchilla's E + A/N^alpha + B/D^beta: N in the given count, D the tokens trained on.</summary>
    public static FitData Chinchilla(IReadOnlyList<JointPoint> points, Func<JointPoint, double> count) =>
        new(points.Select(count).ToArray(), points.Select(p => p.Loss).ToArray(), x2: points.Select(p => p.TokensTrained).ToArray(),
            xName: "N", yName: "loss", x2Name: "D");
}
