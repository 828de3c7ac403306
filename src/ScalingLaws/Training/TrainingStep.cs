using ScalingLaws.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScalingLaws.Training;

/// <summary>What one optimiser step measured.</summary>
/// <param name="Loss">Mean training loss over the step's micro-batches, nats/token.</param>
/// <param name="GradNorm">Global L2 norm of the accumulated gradient before clipping.</param>
/// <param name="SmallBatchGradNormSquared">|G|^2 of the first micro-batch's gradient alone (null unless measured).</param>
/// <param name="BigBatchGradNormSquared">|G|^2 of the whole step's gradient (null unless measured).</param>
public readonly record struct StepStats(double Loss, double GradNorm, double? SmallBatchGradNormSquared, double? BigBatchGradNormSquared);

/// <summary>
/// One optimiser step of a <see cref="Gpt"/>: forward and backward over the micro-batches (gradient accumulation),
/// clipping, AdamW. The trainer and <c>scaling bench</c> both run exactly this code.
/// </summary>
public sealed class TrainingStep(Gpt model, AdamW optimizer, double gradClip)
{
    private readonly Parameter[] parameters = model.parameters().ToArray();

    /// <summary>The model being trained.</summary>
    public Gpt Model => model;

    /// <summary>The optimiser (state and learning rate).</summary>
    public AdamW Optimizer => optimizer;

    /// <summary>
    /// Runs one step over <paramref name="microBatches"/> (inputs (b, T), targets (b, T)), each weighted equally.
    /// With <paramref name="measureNoiseScale"/> and at least two micro-batches, also returns the squared gradient
    /// norms at the two batch sizes that <see cref="GradientNoiseScale"/> needs (one extra norm per step).
    /// Call inside a dispose scope.
    /// </summary>
    public StepStats Run(IReadOnlyList<(Tensor Input, Tensor Target)> microBatches, double learningRate, bool measureNoiseScale = false)
    {
        optimizer.SetLearningRate(learningRate);
        optimizer.zero_grad();
        int m = microBatches.Count;
        bool measure = measureNoiseScale && m >= 2;
        double? small = null;
        Tensor lossSum = zeros(1, device: microBatches[0].Input.device);
        for (int i = 0; i < m; i++)
        {
            var (input, target) = microBatches[i];
            var loss = LanguageModelLoss.LossNatsPerToken(model.forward(input), target);
            (loss / m).backward();
            lossSum = lossSum + loss.detach();
            // The gradient so far is g_1 / m; McCandlish et al. 2018 app. A needs |g_1|^2 at the small batch.
            if (measure && i == 0) small = SquaredNorm() * m * m;
        }
        double? big = measure ? SquaredNorm() : null;
        double gradNorm = gradClip > 0
            ? nn.utils.clip_grad_norm_(parameters, gradClip)
            : Math.Sqrt(big ?? SquaredNorm());
        optimizer.step();
        return new StepStats(lossSum.item<float>() / m, gradNorm, small, big);
    }

    private double SquaredNorm()
    {
        using var scope = NewDisposeScope();
        var total = zeros(1, dtype: ScalarType.Float64, device: parameters[0].device);
        foreach (var p in parameters)
            if (p.grad is { } g) total = total + g.to(ScalarType.Float64).square().sum();
        return total.item<double>();
    }
}
