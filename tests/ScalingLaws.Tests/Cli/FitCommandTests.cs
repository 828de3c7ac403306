using System.Text.Json.Nodes;

namespace ScalingLaws.Tests.Cli;

/// <summary>`scaling fit` as a user runs it: nonsense is refused with one line and exit code 2, never reported as a fit.</summary>
public sealed class FitCommandTests : IDisposable
{
    private readonly Data.TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Csv(string text) => _temp.Write(".csv", text);

    [Fact]
    public void Points_at_one_x_are_refused_not_reported_as_converged()
    {
        string csv = Csv("n,loss\n100,3\n100,2.9\n100,3.1\n100,3.05\n");
        var run = ScalingProcess.Run("fit", "--law", "power", "--x", "n", "--y", "loss", csv, "--bootstrap", "100");
        ScalingProcess.AssertCleanFailure(run, 2, "only 1 distinct x");
        Assert.DoesNotContain("converged", run.Stdout);
    }

    [Fact]
    public void Constant_y_is_refused_and_json_output_never_shows_a_serializer_message()
    {
        string csv = Csv("n,loss\n100,3\n1000,3\n10000,3\n100000,3\n");
        var run = ScalingProcess.Run("fit", "--law", "power", "--x", "n", "--y", "loss", csv, "--json");
        ScalingProcess.AssertCleanFailure(run, 2, "Every y is 3");
        Assert.Equal("", run.Stdout);
        Assert.DoesNotContain("JsonNumberHandling", run.Stderr);
    }

    [Fact]
    public void Holding_out_too_many_points_names_the_option_not_a_parameter()
    {
        string csv = Csv("n,loss\n1e5,4\n1e6,3.5\n1e7,3.1\n1e8,2.8\n1e9,2.6\n");
        ScalingProcess.AssertCleanFailure(ScalingProcess.Run("fit", "--law", "power", "--x", "n", "--y", "loss", csv, "--drop-highest", "5"), 2, "--drop-highest 5", "hold out 1 to 4");
        ScalingProcess.AssertCleanFailure(ScalingProcess.Run("fit", "--law", "power", "--x", "n", "--y", "loss", csv, "--drop-highest", "3"), 2, "--drop-highest 3", "2 points left");
    }

    [Fact]
    public void A_good_fit_prints_finite_json()
    {
        string csv = Csv("n,loss\n1e5,4\n1e6,3.5\n1e7,3.1\n1e8,2.8\n1e9,2.6\n");
        var (code, stdout, stderr) = ScalingProcess.Run("fit", "--law", "power", "--x", "n", "--y", "loss", csv, "--json", "--bootstrap", "50", "--drop-highest", "1");
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.InRange(json["alpha"]!.GetValue<double>(), 0.03, 0.06);
        Assert.Equal(2, json["ci"]!["alpha"]!.AsArray().Count);
    }
}
