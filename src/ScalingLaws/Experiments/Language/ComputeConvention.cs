namespace ScalingLaws.Experiments.Language;

/// <summary>
/// How a scaling study counts a model's size N and the compute C = (FLOPs per token) x D of a run, as a pair: an N_opt(C)
/// exponent means something only with the convention it was measured in. Kaplan et al. 2020 count non-embedding
/// parameters and 6N per token plus attention; Porian et al. 2024 add the output head's parameters and FLOPs; Pearce and
/// Song 2024 set 6 N_non-embedding D against 6 N_total D and show that at small scale, where embeddings are a large
/// share of every model, the counting alone moves the exponent from Kaplan's side to Chinchilla's.
/// </summary>
/// <param name="Name">A short name to print beside an exponent.</param>
/// <param name="Formula">C per token, as a formula ("6 N_total").</param>
/// <param name="Params">N of a run in this convention.</param>
/// <param name="FlopsPerToken">Training FLOPs per token of a run in this convention.</param>
public sealed record ComputeConvention(string Name, string Formula, Func<LanguageRun, double> Params, Func<LanguageRun, double> FlopsPerToken)
{
    /// <summary>Kaplan et al. 2020, table 1: N non-embedding, C = (6N + 6 n_layer n_ctx d_model) per token, no head.</summary>
    public static readonly ComputeConvention Kaplan = new("Kaplan: N non-embedding, head not counted", "6 N + 6 n_layer n_ctx d_model",
        r => r.N, r => r.Result.FlopsPerToken);

    /// <summary>Porian et al. 2024: the head's parameters in N and its 6 d_model V FLOPs per token in C.</summary>
    public static readonly ComputeConvention HeadCounted = new("head counted: N non-embedding + head", "6 N + 6 n_layer n_ctx d_model + 6 d_model V",
        r => r.HeadParams, r => r.Result.FlopsPerTokenWithHead);

    /// <summary>Pearce and Song 2024, Kaplan's side: C = 6 N_non-embedding D.</summary>
    public static readonly ComputeConvention NonEmbedding = new("non-embedding: C = 6 N_non-embedding D", "6 N_non-embedding",
        r => r.N, r => 6 * r.N);

    /// <summary>Pearce and Song 2024, Chinchilla's side: C = 6 N_total D.</summary>
    public static readonly ComputeConvention Total = new("total: C = 6 N_total D", "6 N_total",
        r => r.TotalParams, r => 6 * r.TotalParams);
}
