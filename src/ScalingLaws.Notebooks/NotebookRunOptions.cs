namespace ScalingLaws.Notebooks;

/// <summary>How to run notebooks.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Where NAME.ipynb, NAME.html and NAME.summary.json go (created if missing).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Longest a notebook may run; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Where cell Console output is copied as it is written (the terminal), or null.</summary>
    public TextWriter? Echo { get; init; }

    /// <summary>
    /// Keep going after a failing cell, recording its error (nbconvert's --allow-errors), for notebooks that show an
    /// error on purpose. A cell tagged <c>raises-exception</c> may fail without it (nbclient's convention).
    /// </summary>
    public bool AllowErrors { get; init; }
}
