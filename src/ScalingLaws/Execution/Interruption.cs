namespace ScalingLaws.Execution;

/// <summary>
/// The interruption a host has asked for (a notebook kernel stopping a cell, a terminal's Ctrl+C), reaching the
/// library's long loops even where the caller passed no token: a notebook cell calls <c>experiment.Train()</c>,
/// not <c>experiment.Train(token)</c>. .NET cannot abort a running thread, so interruption is cooperative: every
/// long loop (training steps, sweeps, evaluation, data preparation, bootstraps) calls <see cref="ThrowIfRequested"/>.
/// The ambient token is an <see cref="AsyncLocal{T}"/>, so it flows into awaits, tasks and Parallel.For workers of
/// the code a host runs inside <see cref="Scope"/>, and never leaks to other cells or threads.
/// </summary>
public static class Interruption
{
    private static readonly AsyncLocal<CancellationToken> Ambient = new();

    /// <summary>The host's token for the code running now (none outside a <see cref="Scope"/>).</summary>
    public static CancellationToken Current => Ambient.Value;

    /// <summary>
    /// Makes <paramref name="token"/> the ambient interruption for the code run inside the returned scope (until it is
    /// disposed); the previous one comes back afterwards.
    /// </summary>
    public static IDisposable Scope(CancellationToken token)
    {
        var previous = Ambient.Value;
        Ambient.Value = token;
        return new Restore(previous);
    }

    /// <summary>True when the caller's <paramref name="token"/> or the ambient one asks to stop.</summary>
    public static bool IsRequested(CancellationToken token = default) => token.IsCancellationRequested || Ambient.Value.IsCancellationRequested;

    /// <summary>
    /// Throws <see cref="OperationCanceledException"/> when the caller's <paramref name="token"/> or the ambient one asks
    /// to stop; call it once per iteration of every long loop.
    /// </summary>
    public static void ThrowIfRequested(CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Ambient.Value.ThrowIfCancellationRequested();
    }

    private sealed class Restore(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
