using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScalingLaws.Models;

/// <summary>One pre-LayerNorm transformer block (GPT-2): x + attn(ln(x)), then x + mlp(ln(x)).</summary>
public sealed class Block : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm ln1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln2;
    private readonly Mlp mlp;

    /// <summary>Builds the block's layers for <paramref name="config"/>.</summary>
    public Block(GptConfig config) : base(nameof(Block))
    {
        ln1 = nn.LayerNorm(config.DModel, elementwise_affine: true, bias: config.Bias);
        attn = new CausalSelfAttention(config);
        ln2 = nn.LayerNorm(config.DModel, elementwise_affine: true, bias: config.Bias);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    /// <summary>The two linear layers that write into the residual stream.</summary>
    internal IEnumerable<Linear> ResidualProjections => [attn.ResidualProjection, mlp.ResidualProjection];

    /// <inheritdoc />
    public override Tensor forward(Tensor x_BxTxD)
    {
        var x = x_BxTxD + attn.forward(ln1.forward(x_BxTxD));
        return x + mlp.forward(ln2.forward(x));
    }
}
