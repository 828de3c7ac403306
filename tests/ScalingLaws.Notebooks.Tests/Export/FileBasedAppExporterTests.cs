using System.Diagnostics;
using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Export;

namespace ScalingLaws.Notebooks.Tests.Export;

/// <summary>`scaling notebook export`: the notebook as a .NET 10 file-based app, and that app run with `dotnet run`.</summary>
public class FileBasedAppExporterTests
{
    private static string ExportTo(string notebook, out string appPath)
    {
        string folder = Fixtures.NewOutputDirectory();
        Directory.CreateDirectory(folder);
        appPath = Path.Combine(folder, Path.GetFileNameWithoutExtension(notebook) + ".cs");
        FileBasedAppExporter.Write(notebook, appPath);
        return File.ReadAllText(appPath);
    }

    [Fact]
    public void The_app_has_directives_then_usings_then_the_cells_in_order_then_type_declarations()
    {
        string app = ExportTo(RepositoryNotebookRuns.NotebookPath("00-getting-started"), out _);
        var lines = app.Split('\n');
        int Index(string start) => Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal));

        Assert.Contains("#:package TorchSharp-cpu@0.107.0", lines);
        Assert.Matches(@"#:project (\.\./)+.*src/ScalingLaws/ScalingLaws\.csproj", app);
        Assert.True(Index("#:project") < Index("using System;"));
        // Usings from every cell are gathered before the first statement (Plotly's comes from cell 12).
        Assert.True(Index("using Plotly.NET.CSharp;") < Index("string __summaryPath"));
        Assert.Contains("// # 00 · Getting started: a power law, sampled and fitted", lines);
        Assert.True(Index("// ---- cell 4 ----") < Index("// ---- cell 7 ----"));
        Assert.Contains("preset = NotebookArguments.Get(args, \"preset\", preset);", lines);
        // The table cell's last expression (a DataFrame) is what it showed.
        Assert.Contains(lines, l => l.StartsWith("display(Tables.From(", StringComparison.Ordinal));
        Assert.True(Index("static class NotebookOutput") > Index("ScalingLaws.Reporting.NotebookSummary.Save(__summaryPath);"));
        Assert.DoesNotContain("#r ", app);
    }

    [Fact]
    public void Type_declarations_move_after_the_top_level_code()
    {
        string app = ExportTo(Fixtures.Path("formatters.ipynb"), out _);
        Assert.True(app.IndexOf("public record Point(int X, int Y);", StringComparison.Ordinal) > app.IndexOf("display(new Point(1, 2));", StringComparison.Ordinal));
        Assert.True(app.IndexOf("using Microsoft.DotNet.Interactive.Formatting;", StringComparison.Ordinal) < app.IndexOf("Formatter.Register", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_to_a_dll_that_is_no_projects_output_cannot_be_exported_and_says_why()
    {
        var e = Assert.Throws<NotebookInputException>(() => ExportTo(Fixtures.Path("parameters.ipynb"), out _));
        Assert.Contains("#r \"../ScalingLaws.dll\"", e.Message);
        Assert.Contains("Fix:", e.Message);
    }

    [Theory]
    [InlineData("00-getting-started")]
    [InlineData("01-language-power-laws")]
    public async Task Dotnet_run_of_the_exported_notebook_writes_the_runners_summary_values(string name)
    {
        ExportTo(RepositoryNotebookRuns.NotebookPath(name), out string app);
        string folder = Path.GetDirectoryName(app)!;
        string summary = Path.Combine(folder, "summary.json");
        // The build goes into the test's own folder, deleted below: by default `dotnet run FILE.cs` keeps a 1.1 GB
        // build (TorchSharp's natives for every platform) per file path under ~/.local/share/dotnet/runfile, and one
        // per test run filled the CI machine's disk.
        string artifacts = Path.Combine(folder, "artifacts");
        var start = new ProcessStartInfo("dotnet", ["run", app, "--artifacts-path", artifacts, "--", "preset=smoke", "--summary", summary])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        // The test host's MSBuild settings are not the app's.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(variable);
        try
        {
            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            string stdout = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
            Assert.True(child.ExitCode == 0, $"dotnet run {app} exited with {child.ExitCode}:\n{stdout}\n{await stderr}");

            var values = JsonNode.Parse(File.ReadAllText(summary))!["values"]!;
            Assert.Equal((await RepositoryNotebookRuns.SummaryValues(name)).ToJsonString(), values.ToJsonString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
