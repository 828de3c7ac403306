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
/// <param name="SmallBatchTokens">Trained (unmasked) target tokens in the first micro-batch (null unless measured).</param>
/// <param name="BigBatchTokens">Trained target tokens in the whole step (null unless measured).</param>
public readonly record struct StepStats(double Loss, double GradNorm, double? SmallBatchGradNormSquared, double? BigBatchGradNormSquared,
    double? SmallBatchTokens = null, double? BigBatchTokens = null);

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
    /// Runs one step over <paramref name="microBatches"/> (inputs (b, T), targets (b, T)), each weighted by its number
    /// of trained (unmasked) target tokens, so the step's loss and gradient are per-token means over the whole batch
    /// (equal weights when nothing is masked).
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
        double? small = null, smallTokens = null, bigTokens = null;
        // Trained target tokens per micro-batch, kept on the device (no sync unless the noise scale needs them).
        var trained = microBatches.Select(b => b.Target.ne(LanguageModelLoss.MaskedTarget).sum().to(ScalarType.Float32)).ToArray();
        var totalTrained = trained.Aggregate((a, b) => a + b).clamp_min(1);
        Tensor lossSum = zeros(1, device: microBatches[0].Input.device);
        for (int i = 0; i < m; i++)
        {
            var (input, target) = microBatches[i];
            var weight = trained[i] / totalTrained;
            // A fully masked micro-batch has a 0/0 loss; with weight 0 it must add nothing, not NaN. (Only that case is
            // replaced: a NaN from a diverging model with trained tokens must still reach the divergence check.)
            var raw = LanguageModelLoss.LossNatsPerToken(model.forward(input), target);
            var loss = where(trained[i] > 0, raw, zeros_like(raw));
            (loss * weight).backward();
            lossSum = lossSum + loss.detach() * weight;
            // The gradient so far is w_1 g_1; McCandlish et al. 2018 app. A needs |g_1|^2 at the small batch.
            // Two reads give both token counts; their float32 quotient is exactly the weight the device used.
            if (measure && i == 0)
            {
                float first = trained[0].item<float>(), all = totalTrained.item<float>();
                double w1 = first / all;
                small = w1 > 0 ? SquaredNorm() / (w1 * w1) : null;
                (smallTokens, bigTokens) = (first, all);
            }
        }
        double? big = measure ? SquaredNorm() : null;
        double gradNorm = gradClip > 0
            ? nn.utils.clip_grad_norm_(parameters, gradClip)
            : Math.Sqrt(big ?? SquaredNorm());
        optimizer.step();
        return new StepStats(lossSum.item<float>(), gradNorm, small, big, smallTokens, bigTokens);
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
