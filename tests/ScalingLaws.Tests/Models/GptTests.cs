using ScalingLaws.Models;
using ScalingLaws.Native;
using ScalingLaws.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ScalingLaws.Tests.Models;

public class GptTests
{
    private static readonly GptConfig Tiny = new(NLayer: 2, DModel: 32, NHead: 4, NCtx: 16, VocabSize: 20);

    public GptTests()
    {
        TorchSharpNative.EnsureLoadable();
        set_num_threads(1);
    }

    private static Tensor RandomTokens(int b, int t, int vocab, ulong seed = 1)
    {
        using var g = new Generator(seed, CPU);
        return randint(0, vocab, [b, t], dtype: ScalarType.Int64, generator: g);
    }

    [Fact]
    public void Forward_returns_finite_logits_of_shape_B_T_V()
    {
        using var scope = NewDisposeScope();
        using var model = new Gpt(Tiny, seed: 1);
        var logits = model.forward(RandomTokens(3, 16, Tiny.VocabSize));
        Assert.Equal(new long[] { 3, 16, 20 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Backward_gives_finite_nonzero_gradients_to_every_parameter()
    {
        using var scope = NewDisposeScope();
        using var model = new Gpt(Tiny, seed: 1);
        var tokens = RandomTokens(2, 17, Tiny.VocabSize);
        var loss = LanguageModelLoss.LossNatsPerToken(model.forward(tokens[.., ..^1]), tokens[.., 1..]);
        // At init the model is near uniform: loss ~ ln V.
        Assert.InRange(loss.item<float>(), Math.Log(20) - 0.3, Math.Log(20) + 0.3);
        loss.backward();
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.NotNull(p.grad);
            Assert.True(p.grad!.isfinite().all().item<bool>(), name);
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"{name} got no gradient");
        }
    }

    [Fact]
    public void Same_seed_builds_identical_weights_and_another_seed_different_ones()
    {
        using var a = new Gpt(Tiny, seed: 11);
        using var b = new Gpt(Tiny, seed: 11);
        using var c = new Gpt(Tiny, seed: 12);
        var pa = a.parameters().ToArray();
        var pb = b.parameters().ToArray();
        var pc = c.parameters().ToArray();
        for (int i = 0; i < pa.Length; i++) Assert.True(pa[i].equal(pb[i]).all().item<bool>(), $"parameter {i} differs");
        Assert.False(pa[0].equal(pc[0]).all().item<bool>());
    }

    [Fact]
    public void No_gradient_flows_from_a_later_token_to_an_earlier_position()
    {
        // nanodo's causality check: the logits at position t may depend only on positions <= t. Row p of the
        // position table touches only position p, so its gradient from logits[:, t] must vanish for p > t.
        using var scope = NewDisposeScope();
        using var model = new Gpt(Tiny, seed: 2);
        var wpe = model.named_parameters().Single(p => p.name == "wpe.weight").parameter;
        const int t = 5;
        model.forward(RandomTokens(2, 16, Tiny.VocabSize))[.., t, ..].square().sum().backward();
        var rowNorms = wpe.grad!.abs().sum(1);
        for (int p = 0; p < 16; p++)
        {
            double g = rowNorms[p].item<float>();
            if (p <= t) Assert.True(g > 0, $"position {p} should influence position {t}");
            else Assert.Equal(0.0, g);
        }
    }

    [Theory]
    [InlineData(false, true, null)]
    [InlineData(true, true, null)]
    [InlineData(false, false, 50)]
    [InlineData(true, false, 72)]
    public void Parameter_count_equals_the_sum_over_parameters(bool tied, bool bias, int? dff)
    {
        var config = Tiny with { TiedHead = tied, Bias = bias, DFf = dff };
        using var model = new Gpt(config);
        var counted = ParameterCount.Of(config);
        long sum = model.parameters().Sum(p => p.numel());
        long embedding = model.named_parameters()
            .Where(p => p.name.StartsWith("wte.") || p.name.StartsWith("wpe.") || p.name.StartsWith("head."))
            .Sum(p => p.parameter.numel());
        Assert.Equal(sum, counted.Total);
        Assert.Equal(embedding, counted.Embedding);
        Assert.Equal(sum - embedding, counted.NonEmbeddingParams);
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(4, 128)]
    [InlineData(6, 256)]
    public void NonEmbedding_params_are_Kaplans_12_n_layer_d_model_squared_plus_bias_and_LayerNorm_terms(int nLayer, int dModel)
    {
        var config = new GptConfig(NLayer: nLayer, DModel: dModel, NHead: 4, NCtx: 64, VocabSize: 256);
        long n = ParameterCount.Of(config).NonEmbeddingParams;
        Assert.Equal(12L * nLayer * dModel * dModel, ParameterCount.KaplanApproximation(config));
        // Per block: biases 3d (qkv) + d (proj) + 4d (fc) + d (out) = 9d, two LayerNorms 4d; final LayerNorm 2d.
        Assert.Equal(12L * nLayer * dModel * dModel + nLayer * 13L * dModel + 2L * dModel, n);
    }

    [Fact]
    public void Flops_per_token_follow_Kaplan_and_add_the_head_matmul_when_counted()
    {
        var config = new GptConfig(NLayer: 6, DModel: 256, NHead: 8, NCtx: 128, VocabSize: 256);
        using var model = new Gpt(config);
        long n = model.named_parameters()
            .Where(p => !(p.name.StartsWith("wte.") || p.name.StartsWith("wpe.") || p.name.StartsWith("head.")))
            .Sum(p => p.parameter.numel());
        long headMatmul = model.named_parameters().Single(p => p.name == "head.weight").parameter.numel();
        Assert.Equal(6.0 * n + 6.0 * 6 * 128 * 256, FlopCount.KaplanTrainingFlopsPerToken(config));
        Assert.Equal(6.0 * (n + headMatmul) + 6.0 * 6 * 128 * 256, FlopCount.TrainingFlopsPerTokenWithHead(config));
    }

    [Theory]
    [InlineData(0, 32, 4, 16, 20, "n_layer")]
    [InlineData(2, -8, 4, 16, 20, "d_model")]
    [InlineData(2, 32, 0, 16, 20, "n_head")]
    [InlineData(2, 32, 4, 0, 20, "n_ctx")]
    [InlineData(2, 32, 4, 16, 0, "vocab_size")]
    [InlineData(2, 30, 4, 16, 20, "not divisible by n_head")]
    public void Bad_config_is_rejected_naming_the_field(int nLayer, int dModel, int nHead, int nCtx, int vocab, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new Gpt(new GptConfig(nLayer, dModel, nHead, nCtx, vocab)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Masked_targets_are_left_out_of_the_loss()
    {
        using var scope = NewDisposeScope();
        using var model = new Gpt(Tiny, seed: 3);
        var tokens = RandomTokens(2, 17, Tiny.VocabSize);
        var input = tokens[.., ..^1];
        var target = tokens[.., 1..].clone();
        var logits = model.forward(input);
        target[0, ..8] = tensor(LanguageModelLoss.MaskedTarget);  // first half of sequence 0 is "prompt"
        double masked = LanguageModelLoss.LossNatsPerToken(logits, target).item<float>();
        var perToken = nn.functional.cross_entropy(logits.view(-1, 20), tokens[.., 1..].reshape(-1), reduction: nn.Reduction.None).view(2, 16);
        double expected = (perToken[0, 8..].sum() + perToken[1].sum()).item<float>() / 24.0;
        Assert.Equal(expected, masked, 5);
    }

    [Fact]
    public void Overfits_one_batch()
    {
        using var model = new Gpt(Tiny, seed: 4);
        using var optimizer = AdamWGroups.Create(model, 1e-2, 0.9, 0.99, 1e-8, 0.0);
        var step = new TrainingStep(model, optimizer, gradClip: 1.0);
        using var tokens = RandomTokens(4, 17, Tiny.VocabSize, seed: 9);
        using var input = tokens[.., ..^1].contiguous();
        using var target = tokens[.., 1..].contiguous();
        double first = 0, last = 0;
        for (int i = 0; i < 150; i++)
        {
            using var scope = NewDisposeScope();
            last = step.Run([(input, target)], 1e-2).Loss;
            if (i == 0) first = last;
        }
        Assert.True(last < 0.1, $"loss went from {first} to {last}; a model this size should memorise 64 tokens");
    }

    [Fact]
    public void Live_tensor_count_stays_flat_across_training_steps()
    {
        using var model = new Gpt(Tiny, seed: 5);
        using var optimizer = AdamWGroups.Create(model, 1e-3, 0.9, 0.99, 1e-8, 0.1);
        var step = new TrainingStep(model, optimizer, gradClip: 1.0);
        using var tokens = RandomTokens(4, 17, Tiny.VocabSize);
        using var input = tokens[.., ..^1].contiguous();
        using var target = tokens[.., 1..].contiguous();
        var batches = new[] { (input, target), (input, target) };
        void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                step.Run(batches, 1e-3, measureNoiseScale: true);
            }
        }
        Steps(3);  // optimiser state and gradients are allocated on the first steps
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Steps(20);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
