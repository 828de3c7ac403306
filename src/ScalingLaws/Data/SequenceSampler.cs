using ScalingLaws.Models;
using static TorchSharp.torch;

namespace ScalingLaws.Data;

/// <summary>
/// Serves (input, target) batches of random windows of n_ctx + 1 tokens from a <see cref="TokenSplit"/>. The window of
/// the i-th sequence ever drawn is a pure function of (seed, i), so the whole data position is one number,
/// <see cref="SequencesDrawn"/>, and a resumed run sees exactly the batches the uninterrupted run would have seen.
/// Targets of tokens outside the loss mask are <see cref="LanguageModelLoss.MaskedTarget"/>.
/// </summary>
public sealed class SequenceSampler : IBatchSampler
{
    private readonly TokenSplit split;
    private readonly int nCtx;
    private readonly ulong seed;
    private readonly long windowStarts;
    private readonly RegionSelection trained;

    /// <summary>
    /// Samples windows of <paramref name="nCtx"/> + 1 tokens from the first <paramref name="tokenLimit"/> tokens of the
    /// split (all of it when null: Kaplan's dataset size D, as nested prefixes of a shuffled corpus); throws when that
    /// is shorter than one window.
    /// </summary>
    public SequenceSampler(TokenSplit split, int nCtx, long seed, long sequencesDrawn = 0, long? tokenLimit = null, RegionSelection? trained = null)
    {
        RequireLongEnough(split, nCtx, tokenLimit);
        (this.split, this.nCtx, this.seed, SequencesDrawn, this.trained) = (split, nCtx, (ulong)seed, sequencesDrawn, trained ?? RegionSelection.All);
        windowStarts = Math.Min(split.Length, tokenLimit ?? long.MaxValue) - nCtx;
    }

    /// <summary>How many sequences have been served: the sampler's whole state, checkpointed for resume.</summary>
    public long SequencesDrawn { get; private set; }

    /// <inheritdoc />
    public long Position => SequencesDrawn;

    /// <summary>Throws a clear error when <paramref name="split"/> cannot hold one window of n_ctx + 1 tokens.</summary>
    public static void RequireLongEnough(TokenSplit split, int nCtx, long? tokenLimit = null)
    {
        if (split.Length < nCtx + 1)
            throw new ArgumentException(
                $"n_ctx = {nCtx} is longer than the data: {split.Name} holds {split.Length} tokens, and one training sequence needs n_ctx + 1 = {nCtx + 1}. Use a smaller n_ctx or more data.");
        if (tokenLimit is { } limit && limit < nCtx + 1)
            throw new ArgumentException(
                $"dataset_tokens = {limit} is shorter than one training sequence (n_ctx + 1 = {nCtx + 1}). Use a larger dataset_tokens.");
    }

    /// <summary>The next <paramref name="sequences"/> windows as int64 tensors (B, T) on <paramref name="device"/>.</summary>
    public (Tensor Input, Tensor Target) Next(int sequences, Device device)
    {
        var starts = new long[sequences];
        for (int i = 0; i < sequences; i++)
            starts[i] = (long)(SplitMix64(seed ^ SplitMix64((ulong)SequencesDrawn++)) % (ulong)windowStarts);
        return Windows(split, nCtx, starts, device, trained);
    }

    /// <summary>The batch of windows starting at <paramref name="starts"/>: inputs x[s..s+T), targets x[s+1..s+T] (masked where not trained).</summary>
    public static (Tensor Input, Tensor Target) Windows(TokenSplit split, int nCtx, IReadOnlyList<long> starts, Device device, RegionSelection? trained = null)
    {
        trained ??= RegionSelection.All;
        int b = starts.Count;
        var input = new long[b * nCtx];
        var target = new long[b * nCtx];
        var window = new ushort[nCtx + 1];
        for (int r = 0; r < b; r++)
        {
            split.ReadTokens(starts[r], window);
            for (int t = 0; t < nCtx; t++)
            {
                input[r * nCtx + t] = window[t];
                target[r * nCtx + t] = trained.Contains(split.Region(starts[r] + t + 1)) ? window[t + 1] : LanguageModelLoss.MaskedTarget;
            }
        }
        return (tensor(input, [b, nCtx]).to(device), tensor(target, [b, nCtx]).to(device));
    }

    // SplitMix64: a cheap, well-mixed hash, so window i is independent of window i+1.
    private static ulong SplitMix64(ulong x) => KeyedPermutation.Mix(x);
}
