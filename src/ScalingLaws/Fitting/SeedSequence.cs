namespace ScalingLaws.Fitting;

/// <summary>
/// Independent, reproducible seeds for the r-th of many parallel jobs (SplitMix64 over seed and index), so
/// a bootstrap gives the same answer however the threads are scheduled.
/// </summary>
public static class SeedSequence
{
    /// <summary>A generator for job <paramref name="index"/> under the master <paramref name="seed"/>.</summary>
    public static Random For(int seed, int index)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random(unchecked((int)(z ^ (z >> 32))));
    }
}
