using ScalingLaws.Models;
using static TorchSharp.torch;

namespace ScalingLaws.Data;

/// <summary>
/// Serves training rows of whole examples: never a part of one. Examples are visited in a seeded order, every one once
/// per epoch (a fresh <see cref="KeyedPermutation"/> each epoch), and laid into rows of n_ctx + 1 tokens one per row or
/// packed (<see cref="Packing"/>), the rest of a row padding. Targets outside the trained regions, and padding, are
/// <see cref="LanguageModelLoss.MaskedTarget"/>. The whole state is <see cref="Position"/>, the examples served so far.
/// </summary>
public sealed class ExampleSampler : IBatchSampler
{
    private readonly TokenSplit split;
    private readonly int nCtx;
    private readonly ulong seed;
    private readonly int examples;
    private readonly Packing packing;
    private readonly ushort pad;
    private readonly RegionSelection trained;
    private KeyedPermutation? epochOrder;
    private long epoch = -1;

    /// <summary>
    /// Samples rows from the first <paramref name="exampleLimit"/> examples of <paramref name="split"/> (all when null);
    /// throws when an example cannot fit a row.
    /// </summary>
    public ExampleSampler(TokenSplit split, int nCtx, long seed, DatasetLayout layout, long position = 0, RegionSelection? trained = null, int? exampleLimit = null)
    {
        if (!split.HasExamples) throw new ArgumentException($"{split.Name} is running text, not whole examples; use SequenceSampler.");
        RequireFits(split, nCtx);
        (this.split, this.nCtx, this.seed, packing, Position) = (split, nCtx, (ulong)seed, layout.Packing, position);
        pad = (ushort)(layout.PadToken ?? throw new ArgumentException("A dataset of whole examples needs a pad_token in meta.json."));
        this.trained = trained ?? RegionSelection.All;
        examples = Math.Min(split.ExampleCount, exampleLimit ?? int.MaxValue);
        if (examples <= 0) throw new ArgumentException($"No examples to train on in {split.Name} (limit {exampleLimit}).");
    }

    /// <inheritdoc />
    public long Position { get; private set; }

    /// <summary>Throws a clear error when the longest example of <paramref name="split"/> is longer than a row.</summary>
    public static void RequireFits(TokenSplit split, int nCtx)
    {
        int longest = split.LongestExample();
        if (longest > nCtx + 1)
            throw new ArgumentException(
                $"n_ctx = {nCtx} is too short for {split.Name}: its longest example has {longest} tokens, and a row holds n_ctx + 1 = {nCtx + 1}. " +
                $"Examples are never cut in two: set n_ctx to at least {longest - 1}.");
    }

    /// <inheritdoc />
    public (Tensor Input, Tensor Target) Next(int rows, Device device)
    {
        var rowTokens = new ushort[nCtx + 1];
        var rowTargets = new bool[nCtx + 1];
        var input = new long[rows * nCtx];
        var target = new long[rows * nCtx];
        for (int r = 0; r < rows; r++)
        {
            Array.Fill(rowTokens, pad);
            Array.Clear(rowTargets);
            int used = 0;
            do
            {
                int example = ExampleAt(Position);
                int length = split.ExampleLength(example);
                if (used + length > nCtx + 1) break;
                long start = split.ExampleStart(example);
                split.ReadTokens(start, rowTokens.AsSpan(used, length));
                for (int i = 0; i < length; i++) rowTargets[used + i] = trained.Contains(split.Region(start + i));
                used += length;
                Position++;
            }
            while (packing == Packing.Pack);
            for (int t = 0; t < nCtx; t++)
            {
                input[r * nCtx + t] = rowTokens[t];
                target[r * nCtx + t] = rowTargets[t + 1] ? rowTokens[t + 1] : LanguageModelLoss.MaskedTarget;
            }
        }
        return (tensor(input, [rows, nCtx]).to(device), tensor(target, [rows, nCtx]).to(device));
    }

    /// <summary>The example served at position <paramref name="position"/>: epoch by epoch, each a fresh permutation.</summary>
    private int ExampleAt(long position)
    {
        long e = position / examples;
        if (e != epoch)
        {
            epochOrder = new KeyedPermutation(examples, KeyedPermutation.Mix(seed ^ KeyedPermutation.Mix((ulong)e)));
            epoch = e;
        }
        return (int)epochOrder!.Map(position % examples);
    }
}
