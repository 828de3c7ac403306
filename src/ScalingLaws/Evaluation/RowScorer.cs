using ScalingLaws.Execution;
using ScalingLaws.Models;
using static TorchSharp.torch;

namespace ScalingLaws.Evaluation;

/// <summary>
/// Scores <see cref="EvaluationSegments"/> with a model, a batch of rows at a time: each row's tokens are fed in
/// (padded on the right to the longest row of the batch), and every target whose region is not 0 gets its loss
/// (-log p, nats) and an argmax check, summed per row and region.
/// </summary>
public static class RowScorer
{
    /// <summary>Scores every segment; <paramref name="regionCount"/> is the dataset's number of named regions.</summary>
    public static RowScores Score(Gpt model, EvaluationSegments segments, int regionCount, int batchRows, Device device, CancellationToken cancellation = default)
    {
        var scores = new RowScores(segments.Count, regionCount);
        using var noGrad = no_grad();
        for (int first = 0; first < segments.Count; first += batchRows)
        {
            Interruption.ThrowIfRequested(cancellation);
            int rows = Math.Min(batchRows, segments.Count - first);
            int width = 0;
            for (int r = 0; r < rows; r++) width = Math.Max(width, segments.Lengths[first + r] - 1);
            var input = new long[rows * width];
            var target = new long[rows * width];
            var region = new byte[rows * width];
            for (int r = 0; r < rows; r++)
            {
                int length = segments.Lengths[first + r];
                long start = segments.Starts[first + r];
                var tokens = new ushort[length];
                segments.Split.ReadTokens(start, tokens);
                for (int t = 0; t < width; t++)
                {
                    bool inside = t + 1 < length;
                    input[r * width + t] = t < length ? tokens[t] : 0;
                    region[r * width + t] = inside ? segments.Split.Region(start + t + 1) : (byte)0;
                    target[r * width + t] = inside && region[r * width + t] != 0 ? tokens[t + 1] : LanguageModelLoss.MaskedTarget;
                }
            }
            float[] nll;
            long[] argmax;
            using (Native.QuietGc.Begin())
            using (NewDisposeScope())
            {
                var input_BxT = tensor(input, [rows, width]).to(device);
                var target_BxT = tensor(target, [rows, width]).to(device);
                var logits_BxTxV = model.forward(input_BxT);
                // (B, T, V) -> (B*T, V): per-target loss, 0 where masked.
                var loss = nn.functional.cross_entropy(logits_BxTxV.reshape(-1, logits_BxTxV.shape[^1]), target_BxT.reshape(-1),
                    ignore_index: LanguageModelLoss.MaskedTarget, reduction: nn.Reduction.None);
                nll = loss.to(CPU).data<float>().ToArray();
                argmax = logits_BxTxV.argmax(-1).reshape(-1).to(CPU).data<long>().ToArray();
            }
            for (int r = 0; r < rows; r++)
                for (int t = 0; t < width; t++)
                {
                    int i = r * width + t;
                    byte k = region[i];
                    if (k == 0 || k > regionCount) continue;
                    scores.Nats[first + r, k] += nll[i];
                    scores.Tokens[first + r, k]++;
                    if (argmax[i] != target[i]) scores.AllCorrect[first + r, k] = false;
                }
        }
        return scores;
    }
}
