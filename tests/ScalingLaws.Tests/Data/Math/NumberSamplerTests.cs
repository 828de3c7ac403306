using System.Numerics;
using ScalingLaws.Data.Mathematics;

namespace ScalingLaws.Tests.Data.Mathematics;

public class NumberSamplerTests
{
    [Fact]
    public void An_integer_of_entropy_e_is_uniform_over_about_ten_to_the_e_values()
    {
        // Entropy 2, signed: uniform on [-50, 50], 101 values (the original's integer(2, signed=True)).
        var rng = new Random(1);
        var draws = Enumerable.Range(0, 40_000).Select(_ => (int)NumberSampler.Integer(rng, 2, signed: true)).ToArray();
        Assert.Equal(-50, draws.Min());
        Assert.Equal(50, draws.Max());
        Assert.Equal(101, draws.Distinct().Count());
        Assert.InRange(draws.Count(d => d == 0), 40_000 / 101 * 0.7, 40_000 / 101 * 1.3);
        // Unsigned with a minimum: [min_abs, 10^e + min_abs].
        var positive = Enumerable.Range(0, 5000).Select(_ => (int)NumberSampler.Integer(rng, 1, signed: false, minAbs: 2)).ToArray();
        Assert.Equal(2, positive.Min());
        Assert.Equal(12, positive.Max());
    }

    [Fact]
    public void Large_entropies_draw_exact_integers_beyond_a_long()
    {
        var rng = new Random(2);
        var draws = Enumerable.Range(0, 200).Select(_ => NumberSampler.Integer(rng, 25, signed: true)).ToArray();
        var bound = BigInteger.Pow(10, 25) / 2;
        Assert.All(draws, d => Assert.True(BigInteger.Abs(d) <= bound));
        Assert.True(draws.Count(d => BigInteger.Abs(d) > long.MaxValue) > 150, "most draws should exceed a long");
    }

    [Fact]
    public void Fractions_are_never_integers_and_decimals_never_whole_and_both_are_coprime_as_drawn()
    {
        var rng = new Random(3);
        for (int i = 0; i < 2000; i++)
        {
            var fraction = NumberSampler.NonIntegerRational(rng, 3, signed: true);
            Assert.False(fraction.IsInteger);
            var @decimal = NumberSampler.NonIntegerDecimal(rng, 3, signed: true);
            Assert.False(@decimal.IsInteger);
            Assert.True(@decimal.IsTerminatingDecimal);
        }
        var coprime = Enumerable.Range(0, 500).Select(_ => NumberSampler.Integer(rng, 2, signed: false, coprimeTo: 6));
        Assert.All(coprime, c => Assert.True(BigInteger.GreatestCommonDivisor(c, 6).IsOne, $"{c} shares a factor with 6"));
    }

    [Fact]
    public void Divisors_of_an_integer_are_all_its_positive_divisors()
    {
        Assert.Equal([1, 2, 3, 4, 6, 12], Divisors.All(-12)!.Select(d => (int)d).Order());
        Assert.Equal([2, 3, 5], Divisors.PrimeFactors(30).Select(p => (int)p));
        Assert.Equal([1, 9_999_991], Divisors.All(9_999_991)!.Select(d => (int)d).Order());   // a prime
    }
}
