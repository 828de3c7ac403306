namespace ScalingLaws.Data;

/// <summary>
/// The fixed held-out windows a run is evaluated on: up to <c>maxSequences</c> windows of n_ctx + 1 tokens spread
/// evenly over the split (non-overlapping when the split is long enough). The same windows at every evaluation and
/// in every run with the same data make losses comparable across steps and models.
/// </summary>
public static class EvaluationWindows
{
    /// <summary>
    /// Start offsets of the evaluation windows in <paramref name="split"/>, within its first <paramref name="tokenLimit"/>
    /// tokens when given (a run limited to D tokens is measured on those D).
    /// </summary>
    public static long[] Starts(TokenSplit split, int nCtx, int maxSequences, long? tokenLimit = null)
    {
        SequenceSampler.RequireLongEnough(split, nCtx, tokenLimit);
        if (maxSequences <= 0) throw new ArgumentException($"eval_sequences must be positive, got {maxSequences}.");
        long lastStart = Math.Min(split.Length, tokenLimit ?? long.MaxValue) - (nCtx + 1);
        long count = Math.Min(maxSequences, lastStart / nCtx + 1);
        var starts = new long[count];
        for (long i = 0; i < count; i++)
            starts[i] = count == 1 ? 0 : (long)Math.Round((double)i * lastStart / (count - 1));
        return starts;
    }
}
