namespace ScalingLaws.Data;

/// <summary>
/// A pseudo-random permutation of [0, n) computed one index at a time, with no table: a four-round Feistel network on
/// the smallest even number of bits that covers n, and cycle-walking for indices that land past n (Black and Rogaway
/// 2002). A counter-based sampler uses it to visit every example once per epoch in a seeded order while its whole
/// state stays one number, so a resumed run sees exactly the examples the uninterrupted run would have.
/// </summary>
public sealed class KeyedPermutation
{
    private readonly long n;
    private readonly int halfBits;
    private readonly ulong halfMask;
    private readonly ulong key;

    /// <summary>A permutation of [0, <paramref name="count"/>) chosen by <paramref name="key"/>.</summary>
    public KeyedPermutation(long count, ulong key)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"A permutation needs at least one element; got {count}.");
        n = count;
        int bits = 1;
        while ((1L << bits) < count) bits++;
        halfBits = (bits + 1) / 2;
        halfMask = (1UL << halfBits) - 1;
        this.key = key;
    }

    /// <summary>The image of <paramref name="index"/> (0 ≤ index &lt; n).</summary>
    public long Map(long index)
    {
        if ((ulong)index >= (ulong)n) throw new ArgumentOutOfRangeException(nameof(index), $"{index} lies outside [0, {n}).");
        ulong x = (ulong)index;
        // The Feistel network is a bijection on [0, 4^halfBits) ⊇ [0, n); walking its cycle until it lands below n
        // gives a bijection on [0, n). The domain is less than 4n, so a few rounds suffice on average.
        do x = Encrypt(x); while (x >= (ulong)n);
        return (long)x;
    }

    private ulong Encrypt(ulong x)
    {
        ulong left = x >> halfBits, right = x & halfMask;
        for (ulong round = 0; round < 4; round++)
            (left, right) = (right, left ^ (Mix(right ^ key ^ (round * 0x9E3779B97F4A7C15UL)) & halfMask));
        return (left << halfBits) | right;
    }

    /// <summary>Steele et al. 2014's SplitMix64 finaliser.</summary>
    internal static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
