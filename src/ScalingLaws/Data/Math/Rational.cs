using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// An exact rational number, always reduced with a positive denominator: the role sympy.Rational plays in DeepMind's
/// mathematics_dataset, so answers stay exact however large the numbers grow.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger numerator, denominator;

    /// <summary>numerator / denominator, reduced; throws on a zero denominator.</summary>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException($"Rational {numerator}/0 has a zero denominator.");
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (denominator.Sign < 0) gcd = -gcd;
        this.numerator = numerator / gcd;
        this.denominator = denominator / gcd;
    }

    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator => numerator;

    /// <summary>The denominator, at least 1 (also for <c>default</c>, which is zero).</summary>
    public BigInteger Denominator => denominator.IsZero ? BigInteger.One : denominator;

    /// <summary>Zero.</summary>
    public static Rational Zero => new(0, 1);

    /// <summary>True when the denominator is 1.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => numerator.Sign;

    /// <summary>The absolute value.</summary>
    public Rational Abs() => new(BigInteger.Abs(numerator), Denominator);

    /// <summary>10^k for any integer k.</summary>
    public static Rational PowerOfTen(int k) =>
        k >= 0 ? new(BigInteger.Pow(10, k), 1) : new(1, BigInteger.Pow(10, -k));

    /// <summary>True when the value has a finite decimal expansion (denominator 2^a 5^b).</summary>
    public bool IsTerminatingDecimal
    {
        get
        {
            var d = Denominator;
            while (d % 2 == 0) d /= 2;
            while (d % 5 == 0) d /= 5;
            return d.IsOne;
        }
    }

    /// <summary>An integer as "-12", anything else as sympy prints a rational: "-3/7".</summary>
    public override string ToString() => IsInteger ? numerator.ToString() : $"{numerator}/{Denominator}";

    /// <summary>
    /// The shortest exact decimal, as the original's display.Decimal writes it: "-0.05", "12.5", "300" (no trailing
    /// zeros, no point for an integer). Throws when the expansion does not terminate.
    /// </summary>
    public string ToDecimalString()
    {
        if (!IsTerminatingDecimal) throw new InvalidOperationException($"{this} has no finite decimal expansion.");
        int places = 0;
        var scaled = BigInteger.Abs(numerator);
        var d = Denominator;
        while (!(scaled % d).IsZero)
        {
            scaled *= 10;
            places++;
        }
        string digits = (scaled / d).ToString().PadLeft(places + 1, '0');
        string text = places == 0 ? digits : $"{digits[..^places]}.{digits[^places..]}";
        return numerator.Sign < 0 ? "-" + text : text;
    }

    /// <summary>Rounds half away from zero to a multiple of 10^power (the original's round_number keeps clear of ties).</summary>
    public Rational RoundToPowerOfTen(int power)
    {
        var scaled = this / PowerOfTen(power);
        var twice = 2 * BigInteger.Abs(scaled.numerator) + scaled.Denominator;
        var rounded = twice / (2 * scaled.Denominator);
        return new Rational(scaled.Sign < 0 ? -rounded : rounded, 1) * PowerOfTen(power);
    }

    /// <summary>The integer nearest to the value, halves away from zero.</summary>
    public BigInteger RoundToInteger() => RoundToPowerOfTen(0).numerator;

    public static implicit operator Rational(BigInteger value) => new(value, 1);

    public static implicit operator Rational(long value) => new(value, 1);

    public static Rational operator +(Rational a, Rational b) => new(a.numerator * b.Denominator + b.numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => new(a.numerator * b.Denominator - b.numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a.numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => new(a.numerator * b.numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        b.numerator.IsZero ? throw new DivideByZeroException($"{a} / 0") : new(a.numerator * b.Denominator, a.Denominator * b.numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public int CompareTo(Rational other) => (numerator * other.Denominator).CompareTo(other.numerator * Denominator);

    /// <inheritdoc />
    public bool Equals(Rational other) => numerator == other.numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(numerator, Denominator);
}
