namespace ScalingLaws.Models;

/// <summary>
/// Exact parameter counts of a <see cref="Gpt"/> from its config alone, split the way Kaplan et al. 2020 split them:
/// N (<see cref="NonEmbeddingParams"/>) excludes the token and position embeddings and an untied output head.
/// </summary>
/// <param name="Total">Every trainable scalar in the model (a tied head counted once).</param>
/// <param name="Embedding">Token embedding + position embedding + the output head when it is untied.</param>
/// <param name="NonEmbeddingParams">Kaplan's N: the blocks and the final LayerNorm.</param>
public sealed record ParameterCount(long Total, long Embedding, long NonEmbeddingParams)
{
    /// <summary>Counts the parameters a model with this config has.</summary>
    public static ParameterCount Of(GptConfig config)
    {
        long d = config.DModel, f = config.FeedForwardWidth, v = config.VocabSize, t = config.NCtx;
        long b = config.Bias ? 1 : 0;
        long layerNorm = d + b * d;
        long attention = (3 * d * d + b * 3 * d) + (d * d + b * d);  // fused QKV, then output projection
        long mlp = (d * f + b * f) + (f * d + b * d);
        long block = 2 * layerNorm + attention + mlp;
        long nonEmbedding = config.NLayer * block + layerNorm;         // + final LayerNorm
        long embedding = v * d + t * d + (config.TiedHead ? 0 : v * d);
        return new ParameterCount(nonEmbedding + embedding, embedding, nonEmbedding);
    }

    /// <summary>
    /// Kaplan et al. 2020's approximation N = 2 d_model n_layer (2 d_attn + d_ff), which is 12 n_layer d_model^2
    /// for d_ff = 4 d_model; it leaves out biases and LayerNorm gains.
    /// </summary>
    public static long KaplanApproximation(GptConfig config) =>
        2L * config.DModel * config.NLayer * (2L * config.DModel + config.FeedForwardWidth);
}
