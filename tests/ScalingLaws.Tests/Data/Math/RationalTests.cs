using ScalingLaws.Data.Mathematics;

namespace ScalingLaws.Tests.Data.Mathematics;

public class RationalTests
{
    [Fact]
    public void Fractions_are_reduced_with_the_sign_on_the_numerator_and_print_as_sympy_does()
    {
        Assert.Equal("-3/7", new Rational(6, -14).ToString());
        Assert.Equal("5", new Rational(-10, -2).ToString());
        Assert.Equal("0", new Rational(0, -5).ToString());
        Assert.Equal(new Rational(1, 2), new Rational(2, 4));
        Assert.Equal(new Rational(7, 12), new Rational(1, 3) + new Rational(1, 4));
        Assert.Equal(new Rational(-3, 2), new Rational(3, 4) / new Rational(-1, 2));
        Assert.True(new Rational(-1, 3) < new Rational(-1, 4));
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 2) / Rational.Zero);
    }

    [Theory]
    [InlineData(-1, 20, "-0.05")]
    [InlineData(25, 2, "12.5")]
    [InlineData(300, 1, "300")]
    [InlineData(3, 8, "0.375")]
    [InlineData(0, 1, "0")]
    public void Decimals_are_written_in_their_shortest_exact_form(long numerator, long denominator, string expected) =>
        Assert.Equal(expected, new Rational(numerator, denominator).ToDecimalString());

    [Fact]
    public void A_fraction_without_a_finite_decimal_refuses_to_print_as_one()
    {
        Assert.False(new Rational(1, 3).IsTerminatingDecimal);
        Assert.Throws<InvalidOperationException>(() => new Rational(1, 3).ToDecimalString());
    }

    [Theory]
    [InlineData(25, 10, 0, "3")]        // 2.5 -> 3: halves away from zero
    [InlineData(-25, 10, 0, "-3")]
    [InlineData(-36571, 10000, -2, "-3.66")]
    [InlineData(68130, 1, 3, "68000")]
    [InlineData(-351000, 1, 4, "-350000")]
    public void Rounding_to_a_power_of_ten_takes_halves_away_from_zero(long numerator, long denominator, int power, string expected) =>
        Assert.Equal(expected, new Rational(numerator, denominator).RoundToPowerOfTen(power).ToDecimalString());
}
