using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScalingLaws.Models;

/// <summary>The position-wise feed-forward network: d_model -> d_ff -> GELU -> d_model.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc;
    private readonly Linear proj;

    /// <summary>Builds both layers for <paramref name="config"/>; weights are initialised by <see cref="Gpt"/>.</summary>
    public Mlp(GptConfig config) : base(nameof(Mlp))
    {
        fc = nn.Linear(config.DModel, config.FeedForwardWidth, hasBias: config.Bias);
        proj = nn.Linear(config.FeedForwardWidth, config.DModel, hasBias: config.Bias);
        RegisterComponents();
    }

    /// <summary>The output projection, whose init GPT-2 scales by 1/sqrt(2 n_layer).</summary>
    internal Linear ResidualProjection => proj;

    /// <inheritdoc />
    public override Tensor forward(Tensor x_BxTxD) =>
        proj.forward(nn.functional.gelu(fc.forward(x_BxTxD)));
}
