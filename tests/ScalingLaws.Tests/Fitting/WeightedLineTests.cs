using ScalingLaws.Fitting;

namespace ScalingLaws.Tests.Fitting;

public class WeightedLineTests
{
    [Fact]
    public void Recovers_an_exact_line_and_a_power_law_in_log_log_space()
    {
        var (slope, intercept) = WeightedLine.Fit([1.0, 2, 3, 4], [5.0, 7, 9, 11]);
        Assert.Equal(2, slope, 12);
        Assert.Equal(3, intercept, 12);

        // N_opt = 1.3e9 C^0.73 (Kaplan et al. 2020) as a line through (ln C, ln N).
        double[] c = [1e-3, 1e-2, 1e-1, 1, 10];
        var (a, lnK) = WeightedLine.Fit(c.Select(v => Math.Log(v)).ToArray(), c.Select(v => Math.Log(1.3e9 * Math.Pow(v, 0.73))).ToArray());
        Assert.Equal(0.73, a, 12);
        Assert.Equal(1.3e9, Math.Exp(lnK), 1e9 * 1e-9);
    }

    [Fact]
    public void Weights_pull_the_line_and_a_zero_weight_drops_a_point()
    {
        double[] x = [0, 1, 2, 3], y = [0, 1, 2, 30];
        var (slope, _) = WeightedLine.Fit(x, y, [1, 1, 1, 0]);
        Assert.Equal(1, slope, 12);
        Assert.True(WeightedLine.Fit(x, y, [1, 1, 1, 5]).Slope > WeightedLine.Fit(x, y).Slope);
        // Integer weights are repeated points: weight 2 equals the point given twice.
        var twice = WeightedLine.Fit([0.0, 1, 1, 2], [0.0, 2, 2, 1]);
        var weighted = WeightedLine.Fit([0.0, 1, 2], [0.0, 2, 1], [1, 2, 1]);
        Assert.Equal(twice.Slope, weighted.Slope, 12);
        Assert.Equal(twice.Intercept, weighted.Intercept, 12);
    }

    [Fact]
    public void No_line_without_spread_in_x()
    {
        // ln of one budget drawn three times: the centred sum of squares need not come out exactly zero.
        double x = Math.Log(3e13);
        var (slope, intercept) = WeightedLine.Fit([x, x, Math.Log(1e15)], [1.0, 1.0, 2.0], [3, 0.1, 0]);
        Assert.True(double.IsNaN(slope) && double.IsNaN(intercept));
        Assert.True(double.IsNaN(WeightedLine.Fit([2.0, 2, 2], [1.0, 2, 3]).Slope));
        Assert.Throws<ArgumentException>(() => WeightedLine.Fit([1.0, 2], [1.0]));
    }
}
