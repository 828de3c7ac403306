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

/// <summary>
/// The headless front end of the engine: executes a prepared notebook cell by cell in a fresh
/// <see cref="CSharpEngine"/>, with the notebook's folder as the working directory, stopping at the first failing
/// cell (unless errors are allowed), then writes the executed notebook, the HTML report and the summary (also after
/// a failure, marked as failed).
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
            WriteKeepingResults(run, options.OutputDirectory);
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
            var engine = new CSharpEngine(folder, Packages.Value, options.Echo);
            int executionCount = 0;
            for (int i = 0; i < doc.Cells.Count; i++)
            {
                var cell = doc.Cells[i];
                if (!cell.IsCode) continue;
                var started = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                var outputs = new CollectedOutputs();
                var request = new CellRequest
                {
                    Source = cell.Source,
                    Name = notebook.CellNumbers[i] is { } n ? $"Cell {n}" : "The injected parameters cell",
                    ExecutionCount = executionCount + 1,
                    MetadataLanguage = CellLanguage(cell),
                };
                var result = await RunWithinDeadlineAsync(engine, request, outputs, deadline, options.Timeout, cancellation);
                clock.Stop();
                run.CellSeconds[i] = clock.Elapsed.TotalSeconds;
                options.Echo?.WriteLine($"-- cell {notebook.CellNumbers[i]?.ToString() ?? "(injected parameters)"}: {clock.Elapsed.TotalSeconds:F2} s{(result.Failure is null ? "" : ", failed")}");
                cell.Outputs.AddRange(outputs.Outputs);
                if (result.Executed) cell.ExecutionCount = ++executionCount;
                cell.Metadata["execution"] = new JsonObject
                {
                    ["iopub.execute_input"] = started.ToString("O"),
                    ["shell.execute_reply"] = DateTime.UtcNow.ToString("O"),
                };
                if (result.Failure is not { } failure) continue;
                bool expected = options.AllowErrors || cell.Tags.Contains(RaisesExceptionTag);
                if (expected && failure.ErrorName != TimeoutError)
                {
                    run.AllowedErrors.Add((i, failure));
                    continue;
                }
                run.FailedCellIndex = i;
                run.Failure = failure;
                break;
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

    /// <summary>The tag (nbclient's) on a cell that shows an error on purpose: its failure does not stop the run.</summary>
    public const string RaisesExceptionTag = "raises-exception";

    private const string TimeoutError = "Timeout";

    // Past the deadline the cell is interrupted; a cell that does not stop within the grace period is left running
    // (the CLI stops the batch and the process ends soon after).
    private static async Task<CellResult> RunWithinDeadlineAsync(CSharpEngine engine, CellRequest request, CollectedOutputs outputs,
        DateTime? deadline, TimeSpan? timeout, CancellationToken cancellation)
    {
        // On a pool thread: a submission runs synchronously until its first await, and the deadline must still fire.
        var task = Task.Run(() => engine.RunCellAsync(request, outputs, cancellation), CancellationToken.None);
        var remaining = deadline is { } d ? Max(d - DateTime.UtcNow, TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
        var finished = await Task.WhenAny(task, Task.Delay(remaining, cancellation));
        // A cancellation (Ctrl+C) interrupted the cell (the engine watches the same token); it ends the run at once,
        // it is not a cell's failure.
        cancellation.ThrowIfCancellationRequested();
        if (finished != task)
        {
            engine.Interrupt();
            await Task.WhenAny(task, Task.Delay(InterruptGrace, CancellationToken.None));
        }
        if (finished == task) return await task;
        string message = $"The notebook ran past the {timeout!.Value.TotalMinutes:G} minute limit (--timeout) while this cell was running" +
            (task.IsCompleted ? "; it was interrupted." : " and it did not stop when interrupted.");
        outputs.Write(CellOutput.Error(TimeoutError, message, [message]));
        return new CellResult(new CellFailure(TimeoutError, message, null), Executed: true);
    }

    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(10);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Writes the outputs where asked; when that fails (the folder vanished, a full disk), writes them to a fresh
    /// temporary folder instead, so a finished run is never lost, and notes both on the run.
    /// </summary>
    private static void WriteKeepingResults(NotebookRun run, string outputDirectory)
    {
        try
        {
            Write(run, outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string kept = Path.Combine(Path.GetTempPath(), "scaling-notebook-outputs", $"{run.Notebook.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
            run.WriteProblem = $"could not write the outputs to {Path.GetFullPath(outputDirectory)} ({e.Message})";
            try
            {
                Write(run, kept);
                run.WriteProblem += $"; they were written to {kept} instead";
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                run.WriteProblem += $", nor to {kept} ({again.Message}): the outputs are lost";
            }
        }
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
