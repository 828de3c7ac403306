using ScalingLaws.Fitting;

namespace ScalingLaws.Tests.Fitting;

public class WilsonIntervalTests
{
    [Fact]
    public void Matches_the_textbook_interval_and_stays_inside_zero_and_one()
    {
        // 8 of 10: Wilson's 95% interval is [0.4902, 0.9433] (z = 1.95996).
        var ci = WilsonInterval.Of(8, 10);
        Assert.Equal(0.4902, ci.Lower, 4);
        Assert.Equal(0.9433, ci.Upper, 4);
        var none = WilsonInterval.Of(0, 20);
        Assert.Equal(0, none.Lower);
        Assert.True(none.Upper is > 0.1 and < 0.2);
        Assert.Equal(1, WilsonInterval.Of(20, 20).Upper);
        Assert.Equal(1.959964, WilsonInterval.NormalQuantile(0.975), 5);
    }

    [Fact]
    public void Refuses_impossible_counts()
    {
        Assert.Throws<ArgumentException>(() => WilsonInterval.Of(3, 2));
        Assert.Throws<ArgumentException>(() => WilsonInterval.Of(0, 0));
    }
}

public class PartialR2Tests
{
    [Fact]
    public void A_second_predictor_that_adds_nothing_has_a_partial_r2_near_zero_and_one_that_matters_does_not()
    {
        var rng = new Random(2);
        int n = 200;
        var x1 = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var x2 = Enumerable.Range(0, n).Select(i => x1[i] * 0.5 + rng.NextDouble()).ToArray();
        var noise = Enumerable.Range(0, n).Select(_ => 0.01 * (rng.NextDouble() - 0.5)).ToArray();
        var onlyX1 = Enumerable.Range(0, n).Select(i => 2 + 3 * x1[i] + noise[i]).ToArray();
        var both = Enumerable.Range(0, n).Select(i => 2 + 3 * x1[i] - 1.5 * x2[i] + noise[i]).ToArray();

        var nothing = PartialR2.Of(x1, x2, onlyX1);
        Assert.True(nothing.Partial < 0.05, $"partial R^2 {nothing.Partial}");
        Assert.Equal(3, nothing.Slope1, 1);
        var something = PartialR2.Of(x1, x2, both);
        Assert.True(something.Partial > 0.9, $"partial R^2 {something.Partial}");
        Assert.Equal(-1.5, something.Slope2, 1);
        Assert.True(something.R2Both > 0.99);
    }
}
