using System.Diagnostics;
using System.Text.Json.Nodes;
using ScalingLaws.Native;
using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Execution;
using ScalingLaws.Notebooks.Model;
using ScalingLaws.Notebooks.Report;
using ScalingLaws.Reporting;
using ScalingLaws.IO;

namespace ScalingLaws.Notebooks;

/// <summary>How to run notebooks.</summary>
/// <param name="OutputDirectory">Where NAME.ipynb, NAME.html and NAME.summary.json go (created if missing).</param>
/// <param name="Timeout">Longest a notebook may run; null for no limit.</param>
/// <param name="Echo">Where cell Console output is copied as it is written (the terminal), or null.</param>
public sealed record NotebookRunOptions(string OutputDirectory, TimeSpan? Timeout = null, TextWriter? Echo = null);

/// <summary>
/// Executes a prepared notebook cell by cell in a fresh <see cref="CSharpNotebookKernel"/>, with the notebook's
/// folder as the working directory, stopping at the first failing cell, then writes the executed notebook,
/// the HTML report and the summary (also after a failure, marked as failed).
/// </summary>
public static class NotebookRunner
{
    // Console and the working directory belong to the process: one notebook at a time.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly Lazy<PackageCatalog> Packages = new(PackageCatalog.ForCurrentProcess);

    /// <summary>Runs <paramref name="notebook"/> and writes its outputs; the returned run says whether every cell ran.</summary>
    public static async Task<NotebookRun> RunAsync(PreparedNotebook notebook, NotebookRunOptions options, CancellationToken cancellation = default)
    {
        await OneAtATime.WaitAsync(cancellation);
        try
        {
            // Outputs of an earlier run must not pass for this run's if this one dies before writing its own.
            foreach (var stale in OutputPaths(notebook, options.OutputDirectory).Where(File.Exists)) File.Delete(stale);
            var run = await ExecuteAsync(notebook, options, cancellation);
            Write(run, options.OutputDirectory);
            return run;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static async Task<NotebookRun> ExecuteAsync(PreparedNotebook notebook, NotebookRunOptions options, CancellationToken cancellation)
    {
        var doc = notebook.Document;
        var run = new NotebookRun { Notebook = notebook, CellSeconds = new double?[doc.Cells.Count], StartedUtc = DateTime.UtcNow };
        var total = Stopwatch.StartNew();
        var deadline = options.Timeout is { } t ? DateTime.UtcNow + t : (DateTime?)null;
        string folder = Path.GetDirectoryName(notebook.Path)!;
        string previousDirectory = Directory.GetCurrentDirectory();
        NotebookSummary.Clear();
        Directory.SetCurrentDirectory(folder);
        try
        {
            TorchSharpNative.EnsureLoadable();
            var kernel = new CSharpNotebookKernel(folder, Packages.Value, options.Echo);
            int executionCount = 0;
            for (int i = 0; i < doc.Cells.Count; i++)
            {
                var cell = doc.Cells[i];
                if (!cell.IsCode) continue;
                var started = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                // On a pool thread: a submission runs synchronously until its first await, and the timeout must still fire.
                int number = notebook.CellNumbers[i] ?? 0, count = executionCount + 1;
                var task = Task.Run(() => kernel.RunCellAsync(number, count, cell.Source, CellLanguage(cell), cancellation), cancellation);
                var remaining = deadline is { } d ? d - DateTime.UtcNow : Timeout.InfiniteTimeSpan;
                if (remaining != Timeout.InfiniteTimeSpan && remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
                CellResult result;
                var finished = await Task.WhenAny(task, Task.Delay(remaining, cancellation));
                // A cancellation (Ctrl+C) ends the wait too; it is not a timeout.
                cancellation.ThrowIfCancellationRequested();
                if (finished == task) result = await task;
                else
                {
                    // A Roslyn submission cannot be interrupted; the process ends soon after (the CLI stops the batch).
                    string message = $"The notebook ran past the {options.Timeout!.Value.TotalMinutes:G} minute limit (--timeout) while this cell was running.";
                    result = new CellResult([CellOutput.Error("Timeout", message, [message])], new CellFailure("Timeout", message, null), Executed: true);
                }
                clock.Stop();
                run.CellSeconds[i] = clock.Elapsed.TotalSeconds;
                options.Echo?.WriteLine($"-- cell {notebook.CellNumbers[i]?.ToString() ?? "(injected parameters)"}: {clock.Elapsed.TotalSeconds:F2} s{(result.Failure is null ? "" : ", failed")}");
                cell.Outputs.AddRange(result.Outputs);
                if (result.Executed) cell.ExecutionCount = ++executionCount;
                cell.Metadata["execution"] = new JsonObject
                {
                    ["iopub.execute_input"] = started.ToString("O"),
                    ["shell.execute_reply"] = DateTime.UtcNow.ToString("O"),
                };
                if (result.Failure is not null)
                {
                    run.FailedCellIndex = i;
                    run.Failure = result.Failure;
                    break;
                }
            }
        }
        catch (InvalidOperationException e) when (e.Message.Contains("TorchSharp", StringComparison.Ordinal))
        {
            run.Failure = new CellFailure("TorchSharpNotLoadable", e.Message, null);
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            total.Stop();
            run.Duration = total.Elapsed;
        }
        return run;
    }

    private static string[] OutputPaths(PreparedNotebook notebook, string outputDirectory) =>
        new[] { ".ipynb", ".html", ".summary.json" }.Select(ext => Path.GetFullPath(Path.Combine(outputDirectory, notebook.Name + ext))).ToArray();

    private static string CellLanguage(NotebookCell cell) =>
        cell.Metadata["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? cell.Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? "csharp";

    private static void Write(NotebookRun run, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var doc = run.Notebook.Document;
        doc.Metadata["scaling_runner"] = new JsonObject
        {
            ["status"] = run.Succeeded ? "ok" : "failed",
            ["failed_cell"] = run.FailedCellNumber,
            ["parameters"] = new JsonObject(run.Notebook.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["started_utc"] = run.StartedUtc.ToString("O"),
            ["duration_seconds"] = Math.Round(run.Duration.TotalSeconds, 3),
        };
        run.OutputFiles = OutputPaths(run.Notebook, outputDirectory);
        var (ipynb, html, summary) = (run.OutputFiles[0], run.OutputFiles[1], run.OutputFiles[2]);
        // The summary goes last: its presence and status say the other two are complete.
        AtomicFile.WriteAllText(ipynb, NotebookJson.Serialize(doc));
        AtomicFile.WriteAllText(html, HtmlReport.Write(run));
        AtomicFile.WriteAllText(summary, RunSummaryJson.Write(run, NotebookSummary.Snapshot()));
    }
}
