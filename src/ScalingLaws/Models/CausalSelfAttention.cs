using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScalingLaws.Models;

/// <summary>Multi-head causal self-attention with one fused QKV projection (nanoGPT's CausalSelfAttention).</summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int nHead;
    private readonly int headDim;

    /// <summary>Builds the projections for <paramref name="config"/>; weights are initialised by <see cref="Gpt"/>.</summary>
    public CausalSelfAttention(GptConfig config) : base(nameof(CausalSelfAttention))
    {
        nHead = config.NHead;
        headDim = config.HeadDim;
        qkv = nn.Linear(config.DModel, 3 * config.DModel, hasBias: config.Bias);
        proj = nn.Linear(config.DModel, config.DModel, hasBias: config.Bias);
        RegisterComponents();
    }

    /// <summary>The output projection, whose init GPT-2 scales by 1/sqrt(2 n_layer).</summary>
    internal Linear ResidualProjection => proj;

    /// <inheritdoc />
    public override Tensor forward(Tensor x_BxTxD)
    {
        long b = x_BxTxD.shape[0], t = x_BxTxD.shape[1], d = x_BxTxD.shape[2];
        // (B, T, 3D) -> (3, B, H, T, K): one permute gives q, k and v already split per head.
        var qkv_3xBxHxTxK = qkv.forward(x_BxTxD).view(b, t, 3, nHead, headDim).permute(2, 0, 3, 1, 4);
        var q = qkv_3xBxHxTxK[0];
        var k = qkv_3xBxHxTxK[1];
        var v = qkv_3xBxHxTxK[2];
        // TorchSharp 0.107 spells the causal flag `is_casual`.
        var y_BxHxTxK = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        var y_BxTxD = y_BxHxTxK.transpose(1, 2).reshape(b, t, d);
        return proj.forward(y_BxTxD);
    }
}
