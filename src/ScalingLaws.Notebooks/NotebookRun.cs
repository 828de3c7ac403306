using ScalingLaws.Notebooks.Execution;

namespace ScalingLaws.Notebooks;

/// <summary>The outcome of running one notebook: the executed notebook, timings, and the failure if any.</summary>
public sealed class NotebookRun
{
    /// <summary>The notebook as prepared; its Document now holds outputs and execution counts.</summary>
    public required PreparedNotebook Notebook { get; init; }

    /// <summary>Seconds each cell of the document took; null for cells that did not run.</summary>
    public required double?[] CellSeconds { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTime StartedUtc { get; init; }

    /// <summary>Wall time of the whole run, kernel start-up included.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Index in the document of the cell that failed, or null when every cell ran.</summary>
    public int? FailedCellIndex { get; set; }

    /// <summary>Why it failed.</summary>
    public CellFailure? Failure { get; set; }

    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The failing cell's 1-based number in the notebook file.</summary>
    public int? FailedCellNumber => FailedCellIndex is { } i ? Notebook.CellNumbers[i] : null;

    private string Where => FailedCellIndex is null ? "before the first cell"
        : FailedCellNumber is { } n ? $"cell {n}" : "the injected parameters cell";

    /// <summary>Cells that failed where failing was allowed (--allow-errors, or tagged raises-exception): index and why.</summary>
    public List<(int CellIndex, CellFailure Failure)> AllowedErrors { get; } = new();

    /// <summary>Why the outputs are not where they were asked to go (and where they are), or null.</summary>
    public string? WriteProblem { get; set; }

    /// <summary>Output files written (ipynb, html, summary.json), once written.</summary>
    public IReadOnlyList<string> OutputFiles { get; set; } = Array.Empty<string>();

    /// <summary>One line for a terminal or CI log naming the notebook and, on failure, the cell and line.</summary>
    public string SummaryLine
    {
        get
        {
            string name = System.IO.Path.GetFileName(Notebook.Path);
            if (Failure is { } f)
                return $"FAILED {name}: {Where}" +
                    $"{(f.Line is { } l ? $", line {l}" : "")}: {f.ErrorName}: {f.Message.Split('\n')[0]}";
            int ran = CellSeconds.Count(s => s is not null);
            string errors = AllowedErrors.Count == 0 ? "" : $" ({AllowedErrors.Count} allowed error{(AllowedErrors.Count == 1 ? "" : "s")}, in cell {string.Join(", ", AllowedErrors.Select(e => Notebook.CellNumbers[e.CellIndex]))})";
            return $"ok {name}: {ran} code cells in {Duration.TotalSeconds:F1} s{errors} -> {string.Join(", ", OutputFiles.Select(System.IO.Path.GetFileName))}";
        }
    }
}
