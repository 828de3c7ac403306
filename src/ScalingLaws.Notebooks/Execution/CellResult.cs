using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>Why a cell failed: the exception type, its message, and the line of the cell it points to.</summary>
/// <param name="ErrorName">Exception type name (or CompilationError).</param>
/// <param name="Message">The message, as a person should read it.</param>
/// <param name="Line">1-based line within the cell, when known.</param>
public sealed record CellFailure(string ErrorName, string Message, int? Line);

/// <summary>The outputs of one executed cell and, if it failed, why.</summary>
/// <param name="Outputs">Outputs in the order they were produced (the error output last when it failed).</param>
/// <param name="Failure">Null when the cell ran to the end.</param>
/// <param name="Executed">False for a cell the runner skipped (another language).</param>
public sealed record CellResult(IReadOnlyList<CellOutput> Outputs, CellFailure? Failure, bool Executed);
