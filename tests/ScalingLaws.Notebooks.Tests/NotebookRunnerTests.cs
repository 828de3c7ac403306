using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Formatting;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Tests;

/// <summary>Fixture notebooks run end to end through the runner, as `scaling notebook run` runs them.</summary>
public class NotebookRunnerTests
{
    // A fixture run without parameters gives the same outputs every time and the tests only read them, so each runs
    // once per session. Not the working-directory fixture: its test watches the directory across a run.
    private static readonly Dictionary<string, Task<(NotebookRun Run, NotebookDocument Executed, string Out)>> Runs = [];

    private static Task<(NotebookRun Run, NotebookDocument Executed, string Out)> Run(string fixture, Dictionary<string, string>? parameters = null)
    {
        if (parameters is not null || fixture == "working-directory.ipynb") return RunFresh(fixture, parameters);
        lock (Runs)
        {
            if (!Runs.TryGetValue(fixture, out var run)) Runs[fixture] = run = RunFresh(fixture, null);
            return run;
        }
    }

    private static async Task<(NotebookRun Run, NotebookDocument Executed, string Out)> RunFresh(string fixture, Dictionary<string, string>? parameters)
    {
        string outDir = Fixtures.NewOutputDirectory();
        var prepared = PreparedNotebook.Load(Fixtures.Path(fixture), parameters ?? new());
        var run = await NotebookRunner.RunAsync(prepared, new NotebookRunOptions { OutputDirectory = outDir });
        string ipynb = Path.Combine(outDir, Path.ChangeExtension(fixture, ".ipynb"));
        return (run, NotebookJson.ReadFile(ipynb), outDir);
    }

    private static string StreamText(NotebookCell cell, string stream) =>
        string.Concat(cell.Outputs.Where(o => o.OutputType == "stream" && o.StreamName == stream).Select(o => o.Text));

    [Fact]
    public async Task Variables_types_and_usings_are_shared_between_cells()
    {
        var (run, executed, _) = await Run("shared-state.ipynb");

        Assert.True(run.Succeeded, run.SummaryLine);
        var last = executed.Cells[4];
        Assert.Equal("y=42\n", StreamText(last, "stdout"));
        Assert.Equal("to stderr\n", StreamText(last, "stderr"));
        var result = Assert.Single(last.Outputs, o => o.OutputType == "execute_result");
        Assert.Equal("42!", result.Data["text/plain"]);
        Assert.Equal(3, result.ExecutionCount);
        Assert.Equal([1, 2, null, 3], executed.Cells.Where(c => c.IsCode).Select(c => c.ExecutionCount));
    }

    [Fact]
    public async Task A_cell_in_another_language_is_skipped_with_a_visible_note()
    {
        var (_, executed, _) = await Run("shared-state.ipynb");
        var fsharp = executed.Cells[3];
        Assert.Null(fsharp.ExecutionCount);
        Assert.Contains("Skipped", StreamText(fsharp, "stderr"));
        Assert.Contains("fsharp", StreamText(fsharp, "stderr"));
    }

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_with_their_declared_types()
    {
        var (run, executed, outDir) = await Run("parameters.ipynb",
            new() { ["preset"] = "quick", ["steps"] = "250", ["lr"] = "0.01", ["verbose"] = "true" });

        Assert.True(run.Succeeded, run.SummaryLine);
        Assert.Contains("parameters", executed.Cells[2].Tags);
        Assert.Contains("injected-parameters", executed.Cells[3].Tags);
        Assert.Equal("quick|250|0.01|True\n", StreamText(executed.Cells[4], "stdout"));

        // The notebook's #r "../ScalingLaws.dll" reused the runner's ScalingLaws: its NotebookSummary is the one the runner reads.
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "parameters.summary.json")))!;
        var values = summary["values"]!;
        Assert.Equal("quick", values["preset"]!.GetValue<string>());
        Assert.Equal(250, values["steps"]!.GetValue<long>());
        Assert.Equal(0.01, values["lr"]!.GetValue<double>());
        Assert.True(values["verbose"]!.GetValue<bool>());
        Assert.Equal("Int32,Double,Boolean", values["types"]!.GetValue<string>());
        Assert.Equal([0.5, 1.5], values["ci"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal("ok", summary["status"]!.GetValue<string>());
        Assert.Equal("quick", summary["parameters"]!["preset"]!.GetValue<string>());
    }

    [Fact]
    public async Task Defaults_apply_when_no_parameter_is_given()
    {
        var (run, executed, _) = await Run("parameters.ipynb");
        Assert.True(run.Succeeded, run.SummaryLine);
        Assert.DoesNotContain(executed.Cells, c => c.Tags.Contains("injected-parameters"));
        Assert.Equal("smoke|100|0.001|False\n", StreamText(executed.Cells[3], "stdout"));
    }

    [Fact]
    public async Task A_dataframe_is_an_html_table_and_a_plotly_chart_is_html_with_its_traces()
    {
        var (run, executed, outDir) = await Run("display.ipynb");

        Assert.True(run.Succeeded, run.SummaryLine);
        var table = Assert.Single(executed.Cells[2].Outputs, o => o.OutputType == "display_data").Data["text/html"];
        Assert.Contains("<table", table);
        Assert.Contains("<th>loss<br><small>Double</small></th>", table);
        Assert.Contains("<td>100000</td><td>3.5</td>", table);

        var chartCell = executed.Cells[3];
        // plotly.js goes to the page once, before the first chart, then display() output, then what the cell printed.
        Assert.Equal(["display_data", "display_data", "stream"], chartCell.Outputs.Select(o => o.OutputType));
        Assert.Contains(PlotlyChartHtml.LoaderMarker, chartCell.Outputs[0].Data["text/html"]);
        var chart = chartCell.Outputs[1].Data;
        Assert.Equal(2, JsonNode.Parse(chart[PlotlyChartHtml.PlotlyMimeType])!["data"]!.AsArray().Count);
        Assert.Contains("data-trace-count=\"2\"", chart["text/html"]);
        Assert.Contains("\"name\":\"measured\"", chart["text/html"]);
        Assert.DoesNotContain("cdn.", chart["text/html"]);
        Assert.Equal("Plotly chart with 2 traces", chart["text/plain"]);

        var last = Assert.Single(executed.Cells[4].Outputs);
        Assert.Equal("execute_result", last.OutputType);
        Assert.Contains("data-trace-count=\"1\"", last.Data["text/html"]);
        Assert.Equal(3, last.Data.Count);

        string html = File.ReadAllText(Path.Combine(outDir, "display.html"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "plotly\\.js v2\\.28\\.0"));
        Assert.DoesNotContain("<script src=", html);
        Assert.Contains("<h1 id=\"display\">Display</h1>", html);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_reported_with_its_cell_and_line()
    {
        var (run, executed, outDir) = await Run("failing.ipynb");

        Assert.False(run.Succeeded);
        Assert.Equal(3, run.FailedCellNumber);
        Assert.Equal(3, run.Failure!.Line);
        Assert.Equal("FAILED failing.ipynb: cell 3, line 3: System.InvalidOperationException: boom with b=4", run.SummaryLine);
        var error = Assert.Single(executed.Cells[2].Outputs, o => o.OutputType == "error");
        Assert.Equal("System.InvalidOperationException", error.ErrorName);
        Assert.StartsWith("Cell 3, line 3:", error.Traceback[0]);
        Assert.Equal("before the failure\n", StreamText(executed.Cells[0], "stdout"));
        Assert.Empty(executed.Cells[3].Outputs);
        Assert.Null(executed.Cells[3].ExecutionCount);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "failing.summary.json")))!;
        Assert.Equal("failed", summary["status"]!.GetValue<string>());
        Assert.Equal(3, summary["failure"]!["cell"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_compile_error_is_reported_with_its_line()
    {
        var (run, _, _) = await Run("compile-error.ipynb");
        Assert.Equal(2, run.FailedCellNumber);
        Assert.Equal(2, run.Failure!.Line);
        Assert.Contains("CS0029", run.SummaryLine);
    }

    [Fact]
    public async Task A_nuget_reference_the_runner_cannot_supply_fails_naming_the_package()
    {
        var (run, _, _) = await Run("missing-package.ipynb");
        Assert.Equal(1, run.FailedCellNumber);
        Assert.Equal(1, run.Failure!.Line);
        Assert.Contains("Humanizer.Core", run.SummaryLine);
        Assert.Contains("cannot download packages", run.SummaryLine);
    }

    [Theory]
    [InlineData("shared-state.ipynb")]
    [InlineData("display.ipynb")]
    [InlineData("failing.ipynb")]
    [InlineData("missing-package.ipynb")]
    public async Task The_executed_notebook_is_valid_nbformat_4_with_polyglot_metadata(string fixture)
    {
        var (run, _, outDir) = await Run(fixture);
        string json = File.ReadAllText(Path.Combine(outDir, fixture));
        Assert.Empty(NbformatValidator.Validate(json));
        var root = JsonNode.Parse(json)!;
        Assert.Equal(".net-csharp", root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C#", root["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(run.Succeeded ? "ok" : "failed", root["metadata"]!["scaling_runner"]!["status"]!.GetValue<string>());
        Assert.Equal(3, Directory.GetFiles(outDir).Length);
    }

    [Fact]
    public async Task The_notebook_folder_is_the_working_directory_while_it_runs_and_is_restored_after()
    {
        string before = Directory.GetCurrentDirectory();
        var (run, executed, _) = await Run("working-directory.ipynb");

        Assert.True(run.Succeeded, run.SummaryLine);
        Assert.Equal(Path.GetDirectoryName(Fixtures.Path("working-directory.ipynb")), StreamText(executed.Cells[0], "stdout"));
        Assert.Equal("True", executed.Cells[0].Outputs.Single(o => o.OutputType == "execute_result").Data["text/plain"]);
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    [Fact]
    public async Task A_notebook_past_its_timeout_fails_at_the_running_cell()
    {
        string outDir = Fixtures.NewOutputDirectory();
        var prepared = PreparedNotebook.Load(Fixtures.Path("slow.ipynb"), new Dictionary<string, string>());
        var run = await NotebookRunner.RunAsync(prepared, new NotebookRunOptions { OutputDirectory = outDir, Timeout = TimeSpan.FromSeconds(1) });

        Assert.False(run.Succeeded);
        Assert.Equal("Timeout", run.Failure!.ErrorName);
        Assert.Equal(2, run.FailedCellNumber);
        var executed = NotebookJson.ReadFile(Path.Combine(outDir, "slow.ipynb"));
        Assert.Null(executed.Cells[2].ExecutionCount);
        Assert.Contains("--timeout", run.SummaryLine);
    }

    [Fact]
    public async Task A_crash_inside_the_compiler_is_reported_as_one_with_a_workaround()
    {
        var (run, _, _) = await Run("compiler-crash.ipynb");
        Assert.Equal(2, run.FailedCellNumber);
        Assert.Contains("C# compiler (Roslyn scripting) crashed", run.Failure!.Message);
    }

    [Fact]
    public async Task A_cell_calling_Environment_Exit_fails_that_cell_and_the_outputs_are_written()
    {
        var (run, executed, outDir) = await Run("exit.ipynb");

        Assert.Equal(2, run.FailedCellNumber);
        Assert.Equal(2, run.Failure!.Line);
        Assert.Contains("Environment.Exit(3)", run.Failure.Message);
        Assert.Equal("before the exit\n", StreamText(executed.Cells[0], "stdout"));
        Assert.True(File.Exists(Path.Combine(outDir, "exit.summary.json")));
    }

    [Fact]
    public async Task A_cell_tagged_raises_exception_may_fail_and_the_run_goes_on_to_the_next_failure()
    {
        var (run, executed, _) = await Run("allow-errors.ipynb");

        Assert.Equal(4, run.FailedCellNumber);
        Assert.Equal("after the expected error\n", StreamText(executed.Cells[2], "stdout"));
        var (index, expected) = Assert.Single(run.AllowedErrors);
        Assert.Equal(1, index);
        Assert.Equal("System.ArgumentException", expected.ErrorName);
        Assert.Single(executed.Cells[1].Outputs, o => o.OutputType == "error");
    }

    [Fact]
    public async Task With_allow_errors_every_cell_runs_and_the_errors_are_recorded()
    {
        string outDir = Fixtures.NewOutputDirectory();
        var prepared = PreparedNotebook.Load(Fixtures.Path("allow-errors.ipynb"), new Dictionary<string, string>());
        var run = await NotebookRunner.RunAsync(prepared, new NotebookRunOptions { OutputDirectory = outDir, AllowErrors = true });

        Assert.True(run.Succeeded, run.SummaryLine);
        Assert.Equal([1, 3], run.AllowedErrors.Select(e => e.CellIndex));
        Assert.Contains("2 allowed errors, in cell 2, 4", run.SummaryLine);
        var executed = NotebookJson.ReadFile(Path.Combine(outDir, "allow-errors.ipynb"));
        Assert.Equal("after the unexpected error\n", StreamText(executed.Cells[4], "stdout"));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "allow-errors.summary.json")))!;
        Assert.Equal("ok", summary["status"]!.GetValue<string>());
        Assert.Equal([2, 4], summary["allowed_errors"]!.AsArray().Select(e => e!["cell"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Formatters_registered_in_a_notebook_shape_its_outputs()
    {
        var (run, executed, _) = await Run("formatters.ipynb");

        Assert.True(run.Succeeded, run.SummaryLine);
        Assert.Equal("<b>(1, 2)</b>", executed.Cells[1].Outputs.Single().Data["text/html"]);
        Assert.Equal(["text/plain"], executed.Cells[2].Outputs.Single().Data.Keys);
    }

    [Fact]
    public async Task Training_progress_is_one_display_updated_in_place_not_a_line_per_report()
    {
        var (run, executed, _) = await Run("progress.ipynb");

        Assert.True(run.Succeeded, run.SummaryLine);
        var cell = executed.Cells[1];
        var progress = Assert.Single(cell.Outputs, o => o.OutputType == "display_data");
        Assert.StartsWith("step 200/200", progress.Data["text/plain"]);
        // Notices are for reading: they stay lines, and nothing of the 200 step reports is printed.
        Assert.Equal("training\n[notice] stopped early\ndone\n", StreamText(cell, "stdout"));
    }

    [Fact]
    public async Task An_endless_loop_past_the_timeout_is_interrupted()
    {
        string outDir = Fixtures.NewOutputDirectory();
        var prepared = PreparedNotebook.Load(Fixtures.Path("endless.ipynb"), new Dictionary<string, string>());
        var run = await NotebookRunner.RunAsync(prepared, new NotebookRunOptions { OutputDirectory = outDir, Timeout = TimeSpan.FromSeconds(2) });

        Assert.Equal("Timeout", run.Failure!.ErrorName);
        Assert.Equal(2, run.FailedCellNumber);
        Assert.EndsWith("it was interrupted.", run.Failure.Message);
    }
}
