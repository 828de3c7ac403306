using ScalingLaws.Fitting;
using static ScalingLaws.Tests.Fitting.SyntheticData;

namespace ScalingLaws.Tests.Fitting;

public class FitterTests
{
    [Fact]
    public void Noise_free_power_law_is_fitted_exactly_with_perfect_goodness_of_fit()
    {
        var law = new PowerLaw();
        var data = OneVariable(law, [8.8e13, 0.076], LogSpaced(1e3, 1e9, 20), 0, new Random(1));
        var fit = ScalingLawFitter.Fit(law, data);
        Assert.Equal(0.076, fit["alpha"], 9);
        Assert.Equal(8.8e13, fit["x_c"], 8.8e13 * 1e-6);
        Assert.Equal(1, fit.R2Log, 9);
        Assert.True(fit.RmseLog < 1e-9);
        Assert.All(fit.LogResiduals, r => Assert.True(Math.Abs(r) < 1e-9));
    }

    [Fact]
    public void Lbfgs_and_Levenberg_Marquardt_reach_the_same_least_squares_minimum()
    {
        var law = new PowerLawPlusConstant();
        var data = OneVariable(law, [1.5, 3e4, 0.35], LogSpaced(1e3, 1e9, 40), 0.02, new Random(2));
        var lm = ScalingLawFitter.Fit(law, data, new FitOptions { Method = FitMethod.LevenbergMarquardt });
        var lbfgs = ScalingLawFitter.Fit(law, data, new FitOptions { Method = FitMethod.Lbfgs });
        Assert.Equal(lm.ObjectiveValue, lbfgs.ObjectiveValue, lm.ObjectiveValue * 1e-6);
        Assert.Equal(lm["alpha"], lbfgs["alpha"], 4);
    }

    [Fact]
    public void Huber_fit_ignores_an_outlier_that_pulls_least_squares()
    {
        var law = new PowerLaw();
        var x = LogSpaced(1e4, 1e9, 30);
        var y = x.Select(v => law.Evaluate([1e12, 0.1], v) * Math.Exp(0.002 * Math.Sin(v))).ToArray();
        y[^1] *= 1.5;
        var data = new FitData(x, y);
        var squares = ScalingLawFitter.Fit(law, data);
        var huber = ScalingLawFitter.Fit(law, data, FitOptions.Huber(1e-3));
        Assert.True(Math.Abs(huber["alpha"] - 0.1) < 0.002, $"Huber alpha {huber["alpha"]}");
        Assert.True(Math.Abs(squares["alpha"] - 0.1) > 3 * Math.Abs(huber["alpha"] - 0.1));
    }

    [Fact]
    public void Weights_of_zero_remove_points_from_the_fit()
    {
        var law = new PowerLaw();
        var x = LogSpaced(1e4, 1e9, 12);
        var y = x.Select(v => law.Evaluate([1e12, 0.1], v)).ToArray();
        y[0] *= 3;
        var weights = Enumerable.Repeat(1.0, 12).ToArray();
        weights[0] = 0;
        var fit = ScalingLawFitter.Fit(law, new FitData(x, y, weights: weights));
        Assert.Equal(0.1, fit["alpha"], 8);
    }

    [Fact]
    public void Bounds_hold_the_fit_inside_the_box()
    {
        var law = new PowerLaw();
        var data = OneVariable(law, [1e12, 0.1], LogSpaced(1e4, 1e9, 12), 0.01, new Random(3));
        var fit = ScalingLawFitter.Fit(law, data, new FitOptions { Bounds = [(1, 1e30), (0.2, 1)] });
        Assert.Equal(0.2, fit["alpha"], 12);
    }

    [Fact]
    public void Custom_law_fits_like_the_built_in_one()
    {
        var custom = new CustomLaw("mine", "L = c + (x0/x)^a",
            [LawParameter.Scale("c"), LawParameter.Scale("x0"), LawParameter.Exponent("a")],
            (p, x, _) => p[0] + Math.Pow(p[1] / x, p[2]), starts: [[1, 1e3, 0.2], [2, 1e5, 0.5]]);
        var data = OneVariable(new PowerLawPlusConstant(), [2.0, 1e4, 0.3], LogSpaced(1e2, 1e8, 30), 0.01, new Random(4));
        var builtIn = ScalingLawFitter.Fit(new PowerLawPlusConstant(), data);
        var mine = ScalingLawFitter.Fit(custom, data);
        Assert.Equal(builtIn["alpha"], mine["a"], 5);
        Assert.Equal(builtIn["L_inf"], mine["c"], 5);
        Assert.Equal(builtIn.RmseLog, mine.RmseLog, 8);
    }

    [Fact]
    public void Fit_is_the_same_in_parallel_and_serially()
    {
        var law = new KaplanLearningCurve();
        var data = Grid(law, [6.5e13, 0.077, 2.1e3, 0.76], LogSpaced(1e5, 1e8, 6), LogSpaced(1e2, 1e5, 6), 0.02, new Random(7));
        var parallel = ScalingLawFitter.Fit(law, data);
        var serial = ScalingLawFitter.Fit(law, data, new FitOptions { Parallel = false });
        Assert.Equal(serial.Values, parallel.Values);
    }

    [Fact]
    public void Held_out_check_predicts_the_largest_points_from_the_rest()
    {
        // A pure power law fitted to data with a floor under-predicts the largest x: the check must show it.
        var truthLaw = new PowerLawPlusConstant();
        var x = LogSpaced(1e3, 1e9, 25);
        var data = OneVariable(truthLaw, [2.0, 1e5, 0.3], x, 0, new Random(8));
        var exact = HeldOutExtrapolation.Run(truthLaw, data, 3);
        Assert.Equal(3, exact.Points.Count);
        Assert.Equal(x[^1], exact.Points[^1].X);
        Assert.True(exact.MeanAbsolutePercentError < 1e-4);
        Assert.Equal(22, exact.Fit.LogResiduals.Count);

        var misspecified = HeldOutExtrapolation.Run(new PowerLaw(), data, 3);
        Assert.All(misspecified.Points, p => Assert.True(p.PercentError < -0.5, $"{p.PercentError}"));
        var point = misspecified.Points[0];
        Assert.Equal(100 * (misspecified.Fit.Predict(point.X) - point.Observed) / point.Observed, point.PercentError, 10);
    }
}
