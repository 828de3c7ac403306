namespace ScalingLaws.Notebooks.Tests;

/// <summary>`scaling notebook run` exit codes, one-line summaries, and bad input that leaves nothing written.</summary>
public class NotebookBatchTests
{
    private static async Task<(int Exit, string Log, string Out)> Batch(string[] fixtures, Dictionary<string, string>? parameters = null)
    {
        string outDir = Fixtures.NewOutputDirectory();
        var log = new StringWriter();
        int exit = await NotebookBatch.RunAsync(fixtures.Select(Fixtures.Path).ToList(), parameters ?? new(), new NotebookRunOptions { OutputDirectory = outDir }, log);
        return (exit, log.ToString(), outDir);
    }

    [Fact]
    public async Task Every_cell_running_exits_zero()
    {
        var (exit, log, outDir) = await Batch(["shared-state.ipynb"]);
        Assert.Equal(NotebookBatch.ExitOk, exit);
        Assert.Contains("ok shared-state.ipynb", log);
        Assert.Equal(3, Directory.GetFiles(outDir).Length);
    }

    [Fact]
    public async Task A_failing_notebook_exits_non_zero_with_one_line_naming_notebook_and_cell_and_the_others_still_run()
    {
        var (exit, log, outDir) = await Batch(["failing.ipynb", "shared-state.ipynb"]);
        Assert.Equal(NotebookBatch.ExitNotebookFailed, exit);
        Assert.Contains("FAILED failing.ipynb: cell 3, line 3: System.InvalidOperationException: boom with b=4\n", log.ReplaceLineEndings("\n"));
        Assert.Contains("ok shared-state.ipynb", log);
        Assert.True(File.Exists(Path.Combine(outDir, "failing.html")));
    }

    [Theory]
    [InlineData("not-a-notebook.ipynb", "not JSON")]
    [InlineData("python-kernel.ipynb", "kernel 'python3'")]
    [InlineData("no-such-file.ipynb", "Notebook not found")]
    public async Task Bad_input_exits_2_with_a_clear_error_and_writes_nothing(string fixture, string expected)
    {
        // The good notebook comes first: every notebook is checked before any runs, so it is not written either.
        var (exit, log, outDir) = await Batch(["shared-state.ipynb", fixture]);
        Assert.Equal(NotebookBatch.ExitBadInput, exit);
        Assert.Contains(fixture, log);
        Assert.Contains(expected, log);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task An_undeclared_parameter_exits_2_naming_it_and_writes_nothing()
    {
        var (exit, log, outDir) = await Batch(["parameters.ipynb"], new() { ["preset"] = "smoke", ["epochs"] = "3" });
        Assert.Equal(NotebookBatch.ExitBadInput, exit);
        Assert.Contains("--param epochs=3", log);
        Assert.Contains("declares no 'epochs'", log);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Two_notebooks_that_would_write_the_same_outputs_are_bad_input()
    {
        var (exit, log, outDir) = await Batch(["shared-state.ipynb", "shared-state.ipynb"]);
        Assert.Equal(NotebookBatch.ExitBadInput, exit);
        Assert.Contains("same --out folder", log);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_created_exits_2_before_any_cell_runs()
    {
        var log = new StringWriter();
        int exit = await NotebookBatch.RunAsync([Fixtures.Path("shared-state.ipynb")], new Dictionary<string, string>(),
            new NotebookRunOptions { OutputDirectory = "/proc/scaling-out" }, log);

        Assert.Equal(NotebookBatch.ExitBadInput, exit);
        string line = Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --out /proc/scaling-out: cannot create or write the folder", line);
        Assert.Contains("Fix:", line);
        Assert.DoesNotContain("running", log.ToString());
    }

    [Fact]
    public async Task Outputs_that_cannot_be_written_at_the_end_are_kept_elsewhere_and_named_in_one_line()
    {
        string outDir = Fixtures.NewOutputDirectory();
        var log = new StringWriter();
        int exit = await NotebookBatch.RunAsync([Fixtures.Path("sabotaged-output.ipynb")], new Dictionary<string, string> { ["outDir"] = outDir },
            new NotebookRunOptions { OutputDirectory = outDir }, log);

        Assert.Equal(NotebookBatch.ExitNotebookFailed, exit);
        string error = Assert.Single(log.ToString().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("could not write the outputs to", error);
        var kept = System.Text.RegularExpressions.Regex.Match(error, "they were written to (\\S+) instead").Groups[1].Value;
        string executed = File.ReadAllText(Path.Combine(kept, "sabotaged-output.ipynb"));
        Assert.Contains("computed 42", executed);
        Assert.DoesNotContain("   at ", log.ToString());
    }

    [Fact]
    public async Task Allow_errors_exits_zero_when_the_only_failures_are_recorded_errors()
    {
        string outDir = Fixtures.NewOutputDirectory();
        var log = new StringWriter();
        int exit = await NotebookBatch.RunAsync([Fixtures.Path("allow-errors.ipynb")], new Dictionary<string, string>(),
            new NotebookRunOptions { OutputDirectory = outDir, AllowErrors = true }, log);
        Assert.Equal(NotebookBatch.ExitOk, exit);
        Assert.Contains("ok allow-errors.ipynb", log.ToString());
    }
}
