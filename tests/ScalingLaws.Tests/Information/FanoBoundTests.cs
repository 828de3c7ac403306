using ScalingLaws.Information;

namespace ScalingLaws.Tests.Information;

public class FanoBoundTests
{
    [Fact]
    public void A_perfect_classifier_gives_the_label_entropy_and_a_guess_gives_nothing()
    {
        Assert.Equal(Math.Log(10), FanoBound.LowerBound(Math.Log(10), 0, 10), 12);
        // Guessing 10 uniform classes errs 90% of the time: h(0.9) + 0.9 ln 9 = ln 10, so the bound is 0.
        Assert.Equal(0, FanoBound.LowerBound(Math.Log(10), 0.9, 10), 12);
        Assert.Equal(0, FanoBound.LowerBound(0.5, 0.5, 2));   // 0.5 - ln 2 < 0, clamped: information is never negative
    }

    [Fact]
    public void The_bound_lies_below_the_exact_information_of_a_noisy_channel()
    {
        // Y uniform on K = 4 symbols; X = Y with probability 0.8, else one of the other three uniformly. The best guess
        // of Y is X with error 0.2, and I(X; Y) = ln 4 - h(0.2) - 0.2 ln 3: Fano's bound is tight for this channel.
        double exact = Math.Log(4) - FanoBound.BinaryEntropy(0.2) - 0.2 * Math.Log(3);
        Assert.Equal(exact, FanoBound.LowerBound(Math.Log(4), 0.2, 4), 12);
        Assert.True(FanoBound.LowerBound(Math.Log(4), 0.25, 4) < exact);   // a worse classifier: a looser bound
    }

    [Fact]
    public void Label_entropy_and_the_wilson_upper_bound_have_their_textbook_values()
    {
        Assert.Equal(Math.Log(2), FanoBound.LabelEntropy([1, 2, 1, 2]), 12);
        Assert.Equal(-(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)), FanoBound.LabelEntropy([0, 0, 0, 5]), 12);
        // Wilson 95% interval of 0 errors in 100: upper end z^2 / (n + z^2) = 3.8416 / 103.8416.
        Assert.Equal(3.8416 / 103.8416, FanoBound.WilsonUpper(0, 100), 10);
        // 10 of 100: the Wilson interval is (0.0552, 0.1744), above the normal approximation's 0.1588.
        Assert.Equal(0.1744, FanoBound.WilsonUpper(10, 100), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => FanoBound.WilsonUpper(5, 4));
    }
}
