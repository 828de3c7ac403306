using System.Text.Json.Serialization;

namespace ScalingLaws.Models;

/// <summary>
/// Shape of a GPT-style decoder (nanoGPT's GPTConfig). Symbols follow Kaplan et al. 2020, table 1:
/// n_layer, d_model, n_head, d_ff, n_ctx; the vocabulary size completes the model.
/// </summary>
/// <param name="NLayer">Number of transformer blocks (n_layer).</param>
/// <param name="DModel">Width of the residual stream (d_model).</param>
/// <param name="NHead">Attention heads; d_model must divide evenly among them.</param>
/// <param name="NCtx">Context length in tokens (n_ctx): the longest sequence the position table covers.</param>
/// <param name="VocabSize">Number of token ids; inputs must lie in [0, VocabSize).</param>
/// <param name="DFf">MLP hidden width (d_ff); null means 4 d_model, the width Kaplan's N = 12 n_layer d_model^2 assumes.</param>
/// <param name="TiedHead">Share the token embedding with the output head (GPT-2, nanoGPT) instead of a separate matrix.</param>
/// <param name="Bias">Biases in the linear layers and LayerNorms (GPT-2 has them).</param>
public sealed record GptConfig(
    int NLayer = 4,
    int DModel = 128,
    int NHead = 4,
    int NCtx = 128,
    int VocabSize = 256,
    int? DFf = null,
    bool TiedHead = false,
    bool Bias = true)
{
    /// <summary>The MLP hidden width actually used: <see cref="DFf"/> or 4 d_model.</summary>
    [JsonIgnore]
    public int FeedForwardWidth => DFf ?? 4 * DModel;

    /// <summary>Width of one attention head, d_model / n_head.</summary>
    [JsonIgnore]
    public int HeadDim => DModel / NHead;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field and how to fix it.</summary>
    public GptConfig Validate()
    {
        RequirePositive(NLayer, "n_layer");
        RequirePositive(DModel, "d_model");
        RequirePositive(NHead, "n_head");
        RequirePositive(NCtx, "n_ctx");
        RequirePositive(VocabSize, "vocab_size");
        if (DFf is { } dff) RequirePositive(dff, "d_ff");
        if (DModel % NHead != 0)
            throw new ArgumentException(
                $"d_model ({DModel}) is not divisible by n_head ({NHead}); each head needs d_model / n_head dimensions. " +
                $"Choose n_head among the divisors of {DModel} (for example {SuggestHeads(DModel, NHead)}).");
        return this;
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"{name} must be a positive integer, got {value}. Set {name} to 1 or more.");
    }

    private static int SuggestHeads(int dModel, int nHead)
    {
        for (int h = Math.Max(1, nHead); h >= 1; h--)
            if (dModel % h == 0) return h;
        return 1;
    }
}
