using ScalingLaws.Data;

namespace ScalingLaws.Evaluation;

/// <summary>
/// What an evaluation scores: a list of token ranges of one split, each scored on its own as one row (its first token
/// is context, every later token a target). Running text is cut into windows of n_ctx + 1 tokens; whole examples are
/// scored one per row, so no example sees another's tokens and every example's loss is its own.
/// </summary>
/// <param name="Split">The split the ranges lie in.</param>
/// <param name="Starts">First token of each range.</param>
/// <param name="Lengths">Tokens in each range (at most n_ctx + 1).</param>
/// <param name="Examples">For whole examples, the example index of each range (null for windows of running text).</param>
public sealed record EvaluationSegments(TokenSplit Split, long[] Starts, int[] Lengths, int[]? Examples)
{
    /// <summary>Number of ranges.</summary>
    public int Count => Starts.Length;

    /// <summary>
    /// Up to <paramref name="max"/> ranges of <paramref name="split"/> spread evenly over it (all of them when
    /// <paramref name="max"/> is null): windows of running text (within its first <paramref name="tokenLimit"/> tokens
    /// when given), or whole examples.
    /// </summary>
    public static EvaluationSegments Of(TokenSplit split, int nCtx, int? max, long? tokenLimit = null)
    {
        if (!split.HasExamples)
        {
            var starts = EvaluationWindows.Starts(split, nCtx, max ?? int.MaxValue, tokenLimit);
            return new EvaluationSegments(split, starts, Enumerable.Repeat(nCtx + 1, starts.Length).ToArray(), null);
        }
        ExampleSampler.RequireFits(split, nCtx);
        int available = split.ExampleCount;
        int count = Math.Min(max ?? available, available);
        // Evenly spaced, so a capped evaluation still sees every part of the split (every module of a math test set).
        var examples = Enumerable.Range(0, count).Select(i => (int)((long)i * available / count)).ToArray();
        return new EvaluationSegments(split, examples.Select(split.ExampleStart).ToArray(), examples.Select(split.ExampleLength).ToArray(), examples);
    }
}
