namespace ScalingLaws.Notebooks.Execution;

/// <summary>Why a cell failed: the exception type, its message, and the line of the cell it points to.</summary>
/// <param name="ErrorName">Exception type name (or CompilationError, Interrupted).</param>
/// <param name="Message">The message, as a person should read it.</param>
/// <param name="Line">1-based line within the cell, when known.</param>
public sealed record CellFailure(string ErrorName, string Message, int? Line);

/// <summary>How a cell ended (its outputs went to the sink as they happened).</summary>
/// <param name="Failure">Null when the cell ran to the end.</param>
/// <param name="Executed">False for a cell the engine skipped (another language).</param>
public sealed record CellResult(CellFailure? Failure, bool Executed);

/// <summary>One cell to run.</summary>
public sealed record CellRequest
{
    /// <summary>The cell's source.</summary>
    public required string Source { get; init; }

    /// <summary>How errors name the cell: "Cell 3" in the runner (its place in the file), "In [5]" in a kernel.</summary>
    public required string Name { get; init; }

    /// <summary>The execution count the cell's execute_result carries.</summary>
    public required int ExecutionCount { get; init; }

    /// <summary>The language the cell's metadata names ("csharp" when none).</summary>
    public string MetadataLanguage { get; init; } = "csharp";
}
