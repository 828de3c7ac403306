using ScalingLaws.Models;
using ScalingLaws.Training;
using static TorchSharp.torch;

namespace ScalingLaws.Tests.Training;

public class MaskedWeightingTests
{
    [Fact]
    public void Accumulated_micro_batches_give_the_per_token_gradient_of_the_whole_batch_when_some_targets_are_masked()
    {
        ScalingLaws.Native.TorchSharpNative.EnsureLoadable();
        var config = new GptConfig(NLayer: 1, DModel: 16, NHead: 2, NCtx: 8, VocabSize: 11);
        using var model = new Gpt(config, seed: 3);
        using var optimizer = AdamWGroups.Create(model, 0.0, 0.9, 0.99, 1e-8, 0.0, false);   // lr 0: the step leaves weights alone
        using var scope = NewDisposeScope();
        var generator = new Generator(5);
        var input = randint(0, 11, [4, 8], generator: generator);
        var target = randint(0, 11, [4, 8], generator: generator);
        // The second micro-batch trains on only its last two positions (an answer after a question).
        target[TensorIndex.Slice(2, 4), TensorIndex.Slice(0, 6)] = LanguageModelLoss.MaskedTarget;

        var step = new TrainingStep(model, optimizer, gradClip: 0);
        var stats = step.Run([(input[..2], target[..2]), (input[2..], target[2..])], learningRate: 0, measureNoiseScale: true);
        var accumulated = model.parameters().Select(p => p.grad!.clone()).ToArray();

        optimizer.zero_grad();
        var whole = LanguageModelLoss.LossNatsPerToken(model.forward(input), target);
        whole.backward();
        var direct = model.parameters().Select(p => p.grad!).ToArray();

        for (int i = 0; i < direct.Length; i++)
            Assert.True(allclose(accumulated[i], direct[i], rtol: 1e-4, atol: 1e-6), $"parameter {i} differs");
        Assert.Equal(whole.item<float>(), stats.Loss, 4);
        Assert.Equal(16, stats.SmallBatchTokens);   // 2 sequences x 8 trained targets
        Assert.Equal(20, stats.BigBatchTokens);     // plus 2 x 2
    }
}
