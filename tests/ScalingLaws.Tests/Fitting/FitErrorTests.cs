using ScalingLaws.Fitting;

namespace ScalingLaws.Tests.Fitting;

public sealed class FitErrorTests : IDisposable
{
    private readonly Data.TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WriteCsv(string text) => _temp.Write(".csv", text);

    [Fact]
    public void Non_positive_loss_is_rejected_naming_the_point()
    {
        var e = Assert.Throws<ArgumentException>(() => new FitData([1, 2, 3], [1, 0, 3]));
        Assert.Contains("point 1", e.Message);
        Assert.Contains("positive", e.Message);
    }

    [Fact]
    public void Non_positive_x_from_a_csv_names_the_column()
    {
        string path = WriteCsv("n,loss\n100,3\n-5,2.5\n1000,2\n");
        var e = Assert.Throws<ArgumentException>(() => FitDataCsv.Load(path, "n", "loss"));
        Assert.Contains("column 'n'", e.Message);
        Assert.Contains("-5", e.Message);
    }

    [Fact]
    public void Missing_column_lists_the_columns_there_are()
    {
        string path = WriteCsv("params,loss\n100,3\n1000,2\n");
        var e = Assert.Throws<ArgumentException>(() => FitDataCsv.Load(path, "tokens", "loss"));
        Assert.Contains("no column 'tokens'", e.Message);
        Assert.Contains("params, loss", e.Message);
    }

    [Fact]
    public void Text_in_a_numeric_column_names_the_row()
    {
        string path = WriteCsv("n,loss\n100,3\n1000,abc\n");
        var e = Assert.Throws<FormatException>(() => FitDataCsv.Load(path, "n", "loss"));
        Assert.Contains("row 3", e.Message);
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public void Malformed_csv_is_a_clear_error()
    {
        string path = WriteCsv("n,loss\n100,3,7,9\n1000\n");
        var e = Assert.ThrowsAny<Exception>(() => FitDataCsv.Load(path, "n", "loss"));
        Assert.True(e is FormatException or ArgumentException, e.GetType().Name);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Empty_file_and_missing_file_are_clear_errors()
    {
        Assert.Contains("empty", Assert.Throws<FormatException>(() => FitDataCsv.Load(WriteCsv(""), "n", "loss")).Message);
        Assert.Throws<FileNotFoundException>(() => FitDataCsv.Load("/no/such/file.csv", "n", "loss"));
    }

    [Fact]
    public void Too_few_points_for_the_law_says_how_many_are_needed()
    {
        var data = new FitData([1e6, 1e7, 1e8, 1e9], [3, 2.8, 2.6, 2.5], [1e9, 1e9, 1e9, 1e9]);
        var e = Assert.Throws<ArgumentException>(() => ScalingLawFitter.Fit(new ChinchillaLoss(), data));
        Assert.Contains("at least 6 points", e.Message);
    }

    [Fact]
    public void Two_variable_law_without_the_second_variable_says_so()
    {
        var data = new FitData([1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12], [3, 2.8, 2.6, 2.5, 2.4, 2.3, 2.2]);
        var e = Assert.Throws<ArgumentException>(() => ScalingLawFitter.Fit(new KaplanJointNd(), data));
        Assert.Contains("two variables", e.Message);
    }

    [Fact]
    public void Unknown_law_name_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ScalingLaw.ByName("kaplan"));
        Assert.Contains("power-plus-constant", e.Message);
        Assert.Contains("critical-batch", e.Message);
    }

    [Fact]
    public void Levenberg_Marquardt_with_Huber_is_refused()
    {
        var data = new FitData([1e6, 1e7, 1e8, 1e9], [3, 2.8, 2.6, 2.5]);
        var options = FitOptions.Huber() with { Method = FitMethod.LevenbergMarquardt };
        Assert.Contains("Lbfgs", Assert.Throws<ArgumentException>(() => ScalingLawFitter.Fit(new PowerLaw(), data, options)).Message);
    }

    [Fact]
    public void Points_at_one_x_are_refused_instead_of_reported_as_a_converged_fit()
    {
        // All x equal used to give "converged: True", R^2 = 0 and bootstrap intervals.
        var data = new FitData([100, 100, 100, 100], [3, 2.9, 3.1, 3.05]);
        var e = Assert.Throws<ArgumentException>(() => ScalingLawFitter.Fit(new PowerLaw(), data));
        Assert.Contains("only 1 distinct x (100)", e.Message);
        Assert.Contains("Add points at other x", e.Message);
        // Three parameters need three distinct x, however many points repeat them.
        var two = new FitData([1e3, 1e3, 1e3, 1e6, 1e6, 1e6], [3, 3.1, 3.05, 2.5, 2.6, 2.55]);
        Assert.Contains("only 2 distinct x", Assert.Throws<ArgumentException>(() => ScalingLawFitter.Fit(new PowerLawPlusConstant(), two)).Message);
    }

    [Fact]
    public void Constant_y_is_refused_instead_of_fitting_an_infinite_scale()
    {
        // It used to give x_c = Infinity, R^2 = NaN and exit code 0.
        var data = new FitData([1e2, 1e3, 1e4, 1e5], [3, 3, 3, 3]);
        var e = Assert.Throws<ArgumentException>(() => ScalingLawFitter.Fit(new PowerLaw(), data));
        Assert.Contains("Every y is 3", e.Message);
    }

    [Fact]
    public void A_two_variable_law_needs_both_variables_to_vary()
    {
        var data = new FitData([1e6, 1e7, 1e8, 1e9, 1e10, 1e11], [3, 2.8, 2.6, 2.5, 2.4, 2.3], [1e9, 1e9, 1e9, 1e9, 1e9, 1e9]);
        var e = Assert.Throws<ArgumentException>(() => ScalingLawFitter.Fit(new KaplanJointNd(), data));
        Assert.Contains("x2 takes only one value", e.Message);
    }

    [Fact]
    public void A_fit_that_runs_off_to_an_infinite_or_vanishing_scale_is_refused()
    {
        // y changes by one part in 1e11: no finite x_c explains it.
        var nearlyFlat = new FitData([1e2, 1e3, 1e4, 1e5], [3, 3, 3, 3.0000000001]);
        var e = Assert.Throws<InvalidOperationException>(() => ScalingLawFitter.Fit(new PowerLaw(), nearlyFlat));
        Assert.Contains($"ran off to x_c = {double.PositiveInfinity}", e.Message);
        // Noise around a constant: the power-law term's scale collapses to 0.
        var flat = new FitData([1e2, 1e3, 1e4, 1e5], [3, 3.1, 3, 3.1]);
        Assert.Contains("ran off to x_0 = 0", Assert.Throws<InvalidOperationException>(() => ScalingLawFitter.Fit(new PowerLawPlusConstant(), flat)).Message);
    }

    [Fact]
    public void A_fit_that_did_not_converge_is_refused_naming_the_fix()
    {
        var data = SyntheticData.OneVariable(new PowerLawPlusConstant(), [2.0, 1e4, 0.3], SyntheticData.LogSpaced(1e3, 1e9, 20), 0.01, new Random(3));
        var e = Assert.Throws<InvalidOperationException>(() => ScalingLawFitter.Fit(new PowerLawPlusConstant(), data, new FitOptions { MaxIterations = 1, PolishCount = 0 }));
        Assert.Contains("did not converge (stopped after 1 iterations)", e.Message);
        Assert.Contains("MaxIterations", e.Message);
    }
}
