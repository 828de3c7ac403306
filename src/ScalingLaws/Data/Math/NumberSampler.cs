using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// Random numbers with an entropy budget, modelled on mathematics_dataset's sample/number.py: a number of entropy e is
/// drawn uniformly from about 10^e values, so e is roughly its count of decimal digits. Every draw comes from the
/// <see cref="Random"/> passed in, so a seed fixes the dataset.
/// </summary>
public static class NumberSampler
{
    /// <summary>
    /// An integer from a set of about 10^<paramref name="entropy"/> values (the original's <c>integer</c>): signed, uniform
    /// on [-m, m] with m = ceil((10^e + min_abs) / 2); unsigned, uniform on [min_abs, ceil(10^e + min_abs)]; redrawn until
    /// |value| ≥ <paramref name="minAbs"/> and it is coprime to <paramref name="coprimeTo"/> (the range widened by the
    /// density of such integers, so the entropy is kept).
    /// </summary>
    public static BigInteger Integer(Random rng, double entropy, bool signed, int minAbs = 0, BigInteger? coprimeTo = null)
    {
        var coprime = BigInteger.Abs(coprimeTo ?? BigInteger.One);
        double max = Math.Pow(10, Math.Max(0, entropy)) + minAbs;
        if (coprime > 1) max = max / CoprimeDensity(coprime) + 1;
        BigInteger low, high;
        if (signed)
        {
            high = new BigInteger(Math.Ceiling(max / 2));
            low = -high;
        }
        else
        {
            low = minAbs;
            high = new BigInteger(Math.Ceiling(max));
        }
        while (true)
        {
            var value = Uniform(rng, low, high);
            if (BigInteger.Abs(value) >= minAbs && BigInteger.GreatestCommonDivisor(value, coprime).IsOne) return value;
        }
    }

    /// <summary>A non-integer fraction: the entropy split at random between numerator and denominator (the original's non_integer_rational).</summary>
    public static Rational NonIntegerRational(Random rng, double entropy, bool signed)
    {
        double numeratorEntropy = rng.NextDouble() * entropy;
        var numerator = Integer(rng, numeratorEntropy, signed, minAbs: 1);
        var denominator = Integer(rng, entropy - numeratorEntropy, signed: false, minAbs: 2, coprimeTo: numerator);
        return new Rational(numerator, denominator);
    }

    /// <summary>An integer or a non-integer fraction, even odds, written as a fraction.</summary>
    public static MathNumber IntegerOrRational(Random rng, double entropy, bool signed) =>
        new(Coin(rng) ? Integer(rng, entropy, signed) : NonIntegerRational(rng, entropy, signed), NumberStyle.Fraction);

    /// <summary>An integer shifted right by 1 to ceil(e) decimal places, redrawn until it is not an integer.</summary>
    public static Rational NonIntegerDecimal(Random rng, double entropy, bool signed)
    {
        while (true)
        {
            var integer = Integer(rng, entropy, signed);
            int shift = rng.Next(1, (int)Math.Ceiling(entropy) + 1);
            var divisor = BigInteger.Pow(10, shift);
            if (!(integer % divisor).IsZero) return new Rational(integer, divisor);
        }
    }

    /// <summary>An integer or a non-integer decimal, even odds, written as a decimal.</summary>
    public static MathNumber IntegerOrDecimal(Random rng, double entropy, bool signed) =>
        new(Coin(rng) ? Integer(rng, entropy, signed) : NonIntegerDecimal(rng, entropy, signed), NumberStyle.Decimal);

    /// <summary>Integer, fraction or decimal (the original comparison module's integer_or_rational_or_decimal).</summary>
    public static MathNumber IntegerOrRationalOrDecimal(Random rng, double entropy) =>
        Coin(rng) ? IntegerOrDecimal(rng, entropy, signed: true) : IntegerOrRational(rng, entropy, signed: true);

    /// <summary>
    /// Splits the entropy of a pair at random, each part at least 1 (the original's _entropy_for_pair), so one of two
    /// numbers may take most of the digits.
    /// </summary>
    public static (double First, double Second) EntropyForPair(Random rng, double entropy)
    {
        double first = Math.Max(1, rng.NextDouble() * entropy);
        return (first, Math.Max(1, entropy - first));
    }

    /// <summary>A Dirichlet draw with integer concentrations (sums of exponentials).</summary>
    public static double[] Dirichlet(Random rng, IReadOnlyList<int> concentrations)
    {
        var gamma = concentrations.Select(k => Enumerable.Range(0, k).Sum(_ => -Math.Log(1 - rng.NextDouble()))).ToArray();
        double total = gamma.Sum();
        return gamma.Select(g => g / total).ToArray();
    }

    /// <summary>True or false, even odds.</summary>
    public static bool Coin(Random rng) => rng.Next(2) == 0;

    /// <summary>A uniform double in [low, high).</summary>
    public static double Uniform(Random rng, double low, double high) => low + rng.NextDouble() * (high - low);

    /// <summary>One item, uniformly.</summary>
    public static T Choice<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>A uniform integer on [low, high], however large.</summary>
    public static BigInteger Uniform(Random rng, BigInteger low, BigInteger high)
    {
        var span = high - low + 1;
        if (span.Sign <= 0) throw new ArgumentException($"Empty range [{low}, {high}].");
        if (span <= long.MaxValue) return low + rng.NextInt64((long)span);
        // Rejection on whole bytes: draws below the largest multiple of span are uniform modulo span.
        int bytes = span.GetByteCount(isUnsigned: true) + 1;
        var limit = BigInteger.Pow(256, bytes) / span * span;
        var buffer = new byte[bytes];
        while (true)
        {
            rng.NextBytes(buffer);
            var draw = new BigInteger(buffer, isUnsigned: true);
            if (draw < limit) return low + draw % span;
        }
    }

    /// <summary>The density of integers coprime to n: the product of (1 - 1/p) over its prime factors.</summary>
    private static double CoprimeDensity(BigInteger n)
    {
        double density = 1;
        foreach (var p in Divisors.PrimeFactors(n)) density *= 1 - 1 / (double)p;
        return density;
    }
}
