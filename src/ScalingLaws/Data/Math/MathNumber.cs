namespace ScalingLaws.Data.Mathematics;

/// <summary>How a number is written in a question or an answer.</summary>
public enum NumberStyle
{
    /// <summary>Integers as "12", other rationals as a reduced fraction "-3/7" (sympy's printing).</summary>
    Fraction,

    /// <summary>The shortest exact decimal, "-0.05" (the original's display.Decimal).</summary>
    Decimal,
}

/// <summary>An exact value with the way it is written: 0.5 and 1/2 are equal but read differently.</summary>
/// <param name="Value">The exact value.</param>
/// <param name="Style">Fraction or decimal.</param>
public sealed record MathNumber(Rational Value, NumberStyle Style)
{
    /// <summary>The number as written.</summary>
    public override string ToString() => Style == NumberStyle.Decimal ? Value.ToDecimalString() : Value.ToString();
}
