namespace ScalingLaws.Notebooks;

/// <summary>
/// `scaling notebook run` as a function: prepares every notebook first (so bad input fails before anything
/// runs or is written), runs them in order, prints one line per notebook, and returns the exit code.
/// </summary>
public static class NotebookBatch
{
    /// <summary>Every cell of every notebook ran.</summary>
    public const int ExitOk = 0;

    /// <summary>A cell failed (or a notebook timed out; or its outputs could not be written where asked, and one line says where they are).</summary>
    public const int ExitNotebookFailed = 1;

    /// <summary>Bad input: not a notebook, another kernel, an undeclared or mistyped --param, an --out folder that cannot be written. Nothing ran.</summary>
    public const int ExitBadInput = 2;

    /// <summary>Runs <paramref name="paths"/> with <paramref name="parameters"/>; progress and results go to <paramref name="log"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> parameters,
        NotebookRunOptions options, TextWriter log, CancellationToken cancellation = default)
    {
        var prepared = new List<PreparedNotebook>();
        try
        {
            if (paths.Count == 0) throw new NotebookInputException("No notebooks given. Usage: scaling notebook run NOTEBOOK.ipynb... [--param name=value]... [--out DIR]");
            foreach (var path in paths) prepared.Add(PreparedNotebook.Load(path, parameters));
            if (prepared.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1) is { } clash)
                throw new NotebookInputException(
                    $"{string.Join(" and ", clash.Select(n => n.Path))} would both write {clash.Key}.ipynb/.html/.summary.json to the same --out folder. " +
                    "Run them separately with different --out folders, or rename one.");
            OutputFolder.EnsureWritable(options.OutputDirectory);
        }
        catch (NotebookInputException e)
        {
            log.WriteLine($"error: {e.Message}");
            return ExitBadInput;
        }

        int exit = ExitOk;
        foreach (var notebook in prepared)
        {
            log.WriteLine($"running {notebook.Path}");
            var run = await NotebookRunner.RunAsync(notebook, options, cancellation);
            log.WriteLine(run.SummaryLine);
            if (run.WriteProblem is { } problem)
            {
                log.WriteLine($"error: {run.Notebook.Name}: {problem}.");
                exit = ExitNotebookFailed;
            }
            if (run.Succeeded) continue;
            exit = ExitNotebookFailed;
            if (run.Failure?.ErrorName == "Timeout")
            {
                log.WriteLine("stopping: a timed-out cell may still be running in this process; the remaining notebooks were not run.");
                break;
            }
        }
        return exit;
    }
}
