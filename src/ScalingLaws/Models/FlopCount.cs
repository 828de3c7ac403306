namespace ScalingLaws.Models;

/// <summary>
/// Training FLOPs per token (forward + backward = 3 x forward), counted the two ways the scaling-law papers count.
/// </summary>
/// <remarks>
/// Kaplan et al. 2020, table 1: C_forward = 2N + 2 n_layer n_ctx d_attn per token, C = 6N + 6 n_layer n_ctx d_model
/// for training, embeddings excluded. Porian et al. 2024 (and Hoffmann et al. 2022) also count the output head's
/// matmul, 2 d_model V per token forward; leaving it out is the first of Porian's reasons why Kaplan's N_opt(C)
/// exponent came out larger than Chinchilla's. (Chinchilla's appendix F also charges the input embedding as a
/// matmul; a lookup does no multiplications, so we do not.)
/// </remarks>
public static class FlopCount
{
    /// <summary>Kaplan's C per training token: 6N + 6 n_layer n_ctx d_model.</summary>
    public static double KaplanTrainingFlopsPerToken(GptConfig config) =>
        6.0 * ParameterCount.Of(config).NonEmbeddingParams + AttentionTerm(config);

    /// <summary>Kaplan's count plus the output head's matmul, 6 d_model V (Porian et al. 2024, Chinchilla).</summary>
    public static double TrainingFlopsPerTokenWithHead(GptConfig config) =>
        KaplanTrainingFlopsPerToken(config) + 6.0 * config.DModel * config.VocabSize;

    /// <summary>6 n_layer n_ctx d_model: the attention-score and weighted-sum matmuls, forward and backward.</summary>
    private static double AttentionTerm(GptConfig config) => 6.0 * config.NLayer * config.NCtx * config.DModel;
}
