namespace ScalingLaws.Execution;

/// <summary>
/// A one-line progress display that a host shows updated in place (a notebook kernel's progress output), so long
/// work reports thousands of times without printing thousands of lines. Code that reports frequent progress calls
/// <see cref="TryShow"/> and prints its line itself only when no host has set a display. Like
/// <see cref="Interruption"/>, the display is ambient (an <see cref="AsyncLocal{T}"/>): it reaches the trainer inside
/// a notebook cell that passed nothing, and never leaks to other cells or threads.
/// </summary>
public static class LiveProgress
{
    private static readonly AsyncLocal<Action<string>?> Ambient = new();

    /// <summary>
    /// Makes <paramref name="show"/> the progress display for the code run inside the returned scope (until it is
    /// disposed); the previous one comes back afterwards.
    /// </summary>
    public static IDisposable Scope(Action<string> show)
    {
        var previous = Ambient.Value;
        Ambient.Value = show;
        return new Restore(previous);
    }

    /// <summary>Shows <paramref name="line"/> in the host's display, replacing the previous line; false when there is none.</summary>
    public static bool TryShow(string line)
    {
        if (Ambient.Value is not { } show) return false;
        show(line);
        return true;
    }

    private sealed class Restore(Action<string>? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
