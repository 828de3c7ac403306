using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>Prime factors and divisors of the small integers the generator splits (trial division).</summary>
public static class Divisors
{
    /// <summary>Trial division stops here; a cofactor left above it is treated as one prime.</summary>
    private const long TrialLimit = 1_000_000;

    /// <summary>The distinct prime factors of |n| (n ≠ 0), smallest first.</summary>
    public static IReadOnlyList<BigInteger> PrimeFactors(BigInteger n) => Factor(n).Select(f => f.Prime).ToArray();

    /// <summary>Every positive divisor of |n| (n ≠ 0), or null when |n| is too large to factor completely.</summary>
    public static IReadOnlyList<BigInteger>? All(BigInteger n)
    {
        if (BigInteger.Abs(n) > (BigInteger)TrialLimit * TrialLimit) return null;
        var divisors = new List<BigInteger> { 1 };
        foreach (var (prime, power) in Factor(n))
        {
            int count = divisors.Count;
            var p = BigInteger.One;
            for (int k = 1; k <= power; k++)
            {
                p *= prime;
                for (int i = 0; i < count; i++) divisors.Add(divisors[i] * p);
            }
        }
        return divisors;
    }

    private static List<(BigInteger Prime, int Power)> Factor(BigInteger n)
    {
        if (n.IsZero) throw new ArgumentException("Zero has no prime factorisation.");
        n = BigInteger.Abs(n);
        var factors = new List<(BigInteger, int)>();
        // Machine integers while the value fits: the generator's numbers are small and this runs for many of them.
        long rest = n <= long.MaxValue ? (long)n : 0;
        for (long p = 2; p <= TrialLimit && (rest > 0 ? p <= rest / p : (BigInteger)p * p <= n); p++)
        {
            int power = 0;
            if (rest > 0)
                while (rest % p == 0) { rest /= p; power++; }
            else
                while ((n % p).IsZero) { n /= p; power++; }
            if (power > 0) factors.Add((p, power));
            if (rest == 0 && n <= long.MaxValue) rest = (long)n;
        }
        var left = rest > 0 ? rest : n;
        if (left > 1) factors.Add((left, 1));
        return factors;
    }
}
