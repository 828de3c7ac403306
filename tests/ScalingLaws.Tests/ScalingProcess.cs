using System.Diagnostics;

namespace ScalingLaws.Tests;

/// <summary>Runs the real `scaling` CLI (built beside the tests) as a child process, to kill it mid-run.</summary>
internal static class ScalingProcess
{
    /// <summary>
    /// Starts <c>scaling ARGS</c>, waits until <paramref name="ready"/> holds, then kills it (SIGKILL, not a
    /// cancellation). Fails the test if the child exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public static void KillWhen(Func<bool> ready, TimeSpan timeout, params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "scaling.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var child = Process.Start(start)!;
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!ready() && !child.HasExited && clock.Elapsed < timeout) Thread.Sleep(5);
        Assert.False(child.HasExited, $"`scaling {string.Join(' ', args)}` exited (code {(child.HasExited ? child.ExitCode : 0)}) before it could be killed");
        Assert.True(ready(), $"`scaling {string.Join(' ', args)}` did not reach the point to kill it within {timeout}");
        child.Kill();
        child.WaitForExit();
    }
}
