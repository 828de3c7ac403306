namespace ScalingLaws.Data;

/// <summary>
/// One whole example of a dataset: its tokens, the region of each token (0 = context only, k ≥ 1 = the dataset's k-th
/// named region) and its subset id (a math module, a difficulty; 0 when the dataset has none).
/// </summary>
/// <param name="Tokens">Token ids, in order; the first is never a prediction target.</param>
/// <param name="Regions">One region id per token.</param>
/// <param name="Subset">Subset id.</param>
public sealed record TokenExample(ushort[] Tokens, byte[] Regions, ushort Subset = 0)
{
    /// <summary>Number of tokens.</summary>
    public int Length => Tokens.Length;

    /// <summary>Throws naming the example when its parts disagree or it is too short to predict anything.</summary>
    public TokenExample Validate(int index)
    {
        if (Tokens.Length < 2) throw new ArgumentException($"Example {index} has {Tokens.Length} token(s); an example needs at least two (a context and a target).");
        if (Regions.Length != Tokens.Length) throw new ArgumentException($"Example {index} has {Tokens.Length} tokens but {Regions.Length} region ids.");
        return this;
    }

    /// <summary>Concatenates examples into the flat arrays a split holds: tokens, regions, offsets (count + 1) and subsets.</summary>
    public static (ushort[] Tokens, byte[] Regions, long[] Offsets, ushort[] Subsets) Concatenate(IReadOnlyList<TokenExample> examples)
    {
        long total = 0;
        for (int i = 0; i < examples.Count; i++) total += examples[i].Validate(i).Length;
        var tokens = new ushort[total];
        var regions = new byte[total];
        var offsets = new long[examples.Count + 1];
        var subsets = new ushort[examples.Count];
        long at = 0;
        for (int i = 0; i < examples.Count; i++)
        {
            offsets[i] = at;
            examples[i].Tokens.CopyTo(tokens, at);
            examples[i].Regions.CopyTo(regions, at);
            subsets[i] = examples[i].Subset;
            at += examples[i].Length;
        }
        offsets[^1] = at;
        return (tokens, regions, offsets, subsets);
    }
}
