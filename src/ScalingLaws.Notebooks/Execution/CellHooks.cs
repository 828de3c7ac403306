using ScalingLaws.Execution;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// What the engine's rewrite of a cell calls (see <see cref="CellRewriter"/>): a check at the top of every loop
/// body, so an ordinary <c>while (true)</c> stops when the kernel is interrupted, and a stand-in for
/// <c>Environment.Exit</c>, which would end the kernel's or the runner's process and lose every output.
/// Public because compiled cells call it; not for notebooks to call themselves.
/// </summary>
public static class CellHooks
{
    // Interrupts requested since the process started. Reading one int per loop iteration is the cheap test;
    // only when some interrupt happened is the cell's own (ambient) token consulted.
    private static int _interrupts;

    /// <summary>Called by the engine when it interrupts a cell, before it cancels the cell's token.</summary>
    internal static void NoteInterrupt() => Interlocked.Increment(ref _interrupts);

    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell was interrupted.</summary>
    public static void LoopCheck()
    {
        if (Volatile.Read(ref _interrupts) != 0) Interruption.ThrowIfRequested();
    }

    /// <summary>Replaces <c>Environment.Exit(code)</c> in a cell: fails the cell instead of ending the process.</summary>
    public static void Exit(int exitCode) => throw new CellExitException(exitCode);
}

/// <summary>A cell called <c>Environment.Exit</c>; the engine fails that cell and keeps the process and its outputs.</summary>
public sealed class CellExitException(int exitCode) : Exception(
    $"The cell called Environment.Exit({exitCode}), which would end the whole notebook process and lose every output. " +
    "A cell cannot end the process: throw an exception to stop with an error, or use `return;` to end the cell early.")
{
    /// <summary>The exit code the cell asked for.</summary>
    public int ExitCode { get; } = exitCode;
}
