using ScalingLaws.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScalingLaws.Models;

/// <summary>
/// A GPT-2-style decoder (nanoGPT's model.py): token + learned position embeddings, <see cref="Block"/>s of pre-LN
/// attention and MLP, a final LayerNorm and an output head, tied to the token embedding or separate. Tokens in,
/// logits out. Call it inside a <c>torch.NewDisposeScope()</c>: temporaries belong to the caller's scope.
/// </summary>
public sealed class Gpt : nn.Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly ModuleList<Block> blocks;
    private readonly LayerNorm lnF;
    private readonly Linear? head;

    /// <summary>
    /// Builds the model on the CPU and initialises it GPT-2 style from <paramref name="seed"/> alone (no global RNG):
    /// weights ~ N(0, 0.02), biases 0, LayerNorm gains 1, and the residual projections ~ N(0, 0.02/sqrt(2 n_layer)).
    /// </summary>
    public Gpt(GptConfig config, long seed = 0) : base(nameof(Gpt))
    {
        TorchSharpNative.EnsureLoadable();
        Config = config.Validate();
        wte = nn.Embedding(config.VocabSize, config.DModel);
        wpe = nn.Embedding(config.NCtx, config.DModel);
        blocks = nn.ModuleList(Enumerable.Range(0, config.NLayer).Select(_ => new Block(config)).ToArray());
        lnF = nn.LayerNorm(config.DModel, elementwise_affine: true, bias: config.Bias);
        head = config.TiedHead ? null : nn.Linear(config.DModel, config.VocabSize, hasBias: false);
        RegisterComponents();
        Initialise(seed);
        Params = ParameterCount.Of(config);
    }

    /// <summary>The shape this model was built with.</summary>
    public GptConfig Config { get; }

    /// <summary>Exact parameter counts (total, embedding, and Kaplan's non-embedding N).</summary>
    public ParameterCount Params { get; }

    /// <summary>Logits (B, T, V) for token ids (B, T) with T at most n_ctx.</summary>
    public override Tensor forward(Tensor idx_BxT)
    {
        long t = idx_BxT.shape[1];
        if (t > Config.NCtx)
            throw new ArgumentException($"Sequence length {t} exceeds n_ctx = {Config.NCtx}; crop the input or build a model with a longer context.");
        var pos_T = arange(t, dtype: ScalarType.Int64, device: idx_BxT.device);
        var x_BxTxD = wte.forward(idx_BxT) + wpe.forward(pos_T);
        foreach (var block in blocks) x_BxTxD = block.forward(x_BxTxD);
        x_BxTxD = lnF.forward(x_BxTxD);
        return head is null ? nn.functional.linear(x_BxTxD, wte.weight!) : head.forward(x_BxTxD);
    }

    /// <summary>
    /// The AdamW split: matrices of the linear layers (and the untied head) get weight decay; biases, LayerNorm
    /// parameters and the embeddings do not, unless <paramref name="decayEmbeddings"/> (nanoGPT decays every 2-D tensor).
    /// </summary>
    public (IReadOnlyList<Parameter> Decay, IReadOnlyList<Parameter> NoDecay) WeightDecayGroups(bool decayEmbeddings = false)
    {
        var decay = new List<Parameter>();
        var noDecay = new List<Parameter>();
        foreach (var (name, p) in named_parameters())
        {
            bool isEmbedding = name.StartsWith("wte.", StringComparison.Ordinal) || name.StartsWith("wpe.", StringComparison.Ordinal);
            bool isMatrix = p.dim() >= 2;
            (isMatrix && (!isEmbedding || decayEmbeddings) ? decay : noDecay).Add(p);
        }
        return (decay, noDecay);
    }

    private void Initialise(long seed)
    {
        using var generator = new Generator((ulong)seed, CPU);
        // GPT-2: residual projections scaled by 1/sqrt(2 n_layer) so the residual stream's variance does not grow
        // with depth (two writes per block).
        double residualStd = 0.02 / Math.Sqrt(2.0 * Config.NLayer);
        var residual = new HashSet<Parameter>(blocks.SelectMany(b => b.ResidualProjections).Select(l => l.weight!), ReferenceEqualityComparer.Instance);
        using var _ = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal)) nn.init.zeros_(p);
            else if (p.dim() == 1) nn.init.ones_(p);  // LayerNorm gains
            else
            {
                // Drawn from our own generator (nn.init.normal_ in TorchSharp 0.107 draws from the global one).
                using var draw = randn(p.shape, dtype: p.dtype, generator: generator);
                p.copy_(draw.mul_(residual.Contains(p) ? residualStd : 0.02));
            }
        }
    }
}
