using System.Text.Json.Nodes;
using ScalingLaws.Reporting;

namespace ScalingLaws.Tests.Reporting;

public class NotebookSummaryTests
{
    [Fact]
    public void Values_are_kept_in_first_recorded_order_and_a_repeated_name_replaces_its_value()
    {
        NotebookSummary.Clear();
        NotebookSummary.Record("alpha_N", 0.07);
        NotebookSummary.Record("preset", "smoke");
        NotebookSummary.Record("runs", 12);
        NotebookSummary.Record("alpha_N_ci95", new[] { 0.064, 0.078 });
        NotebookSummary.Record("converged", true);
        NotebookSummary.Record("alpha_N", 0.071);

        var values = NotebookSummary.Snapshot();

        Assert.Equal(["alpha_N", "preset", "runs", "alpha_N_ci95", "converged"], values.Select(kv => kv.Key));
        Assert.Equal(0.071, values["alpha_N"]!.GetValue<double>());
        Assert.Equal("smoke", values["preset"]!.GetValue<string>());
        Assert.Equal(12, values["runs"]!.GetValue<long>());
        Assert.Equal([0.064, 0.078], values["alpha_N_ci95"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.True(values["converged"]!.GetValue<bool>());
    }

    [Fact]
    public void Non_finite_numbers_are_written_as_null_and_save_writes_the_values()
    {
        NotebookSummary.Clear();
        NotebookSummary.Record("diverged", double.NaN);
        string path = Path.Combine(Path.GetTempPath(), $"summary-{Guid.NewGuid():N}.json");
        try
        {
            NotebookSummary.Save(path);
            var saved = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.True(saved["values"]!.AsObject().ContainsKey("diverged"));
            Assert.Null(saved["values"]!["diverged"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Named_numbers_are_written_in_order_as_name_and_value_objects()
    {
        NotebookSummary.Clear();
        NotebookSummary.Record("steps", new[] { ("Kaplan's setup", 0.9), ("+ head FLOPs counted", double.NaN) });

        var steps = NotebookSummary.Snapshot()["steps"]!.AsArray();

        Assert.Equal(["Kaplan's setup", "+ head FLOPs counted"], steps.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(0.9, steps[0]!["value"]!.GetValue<double>());
        Assert.Null(steps[1]!["value"]);
    }

    [Fact]
    public void A_value_needs_a_name() =>
        Assert.Throws<ArgumentException>(() => NotebookSummary.Record(" ", 1.0));
}
