namespace ScalingLaws.Notebooks;

/// <summary>
/// A notebook or a runner argument that cannot be run as given: not a notebook, another kernel's notebook, a
/// parameter the notebook does not declare, a package the runner cannot supply. The message names the input
/// and the fix; problems found before execution leave nothing written.
/// </summary>
public sealed class NotebookInputException(string message, int? line = null) : Exception(message)
{
    /// <summary>1-based line within a cell, when the problem is a line of a cell.</summary>
    public int? Line { get; } = line;
}
