using System.Diagnostics;

namespace ScalingLaws.Tests;

/// <summary>Runs the real `scaling` CLI (built beside the tests) as a child process, as a user would, or to kill it mid-run.</summary>
internal static class ScalingProcess
{
    /// <summary>Runs <c>scaling ARGS</c> to the end; its exit code and what it printed.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "scaling.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Asserts the clean failure every command gives: <paramref name="exitCode"/>, one line on stderr naming what is
    /// wrong (it contains each of <paramref name="says"/>), no stack trace and no .NET parameter names.
    /// </summary>
    public static string AssertCleanFailure((int ExitCode, string Stdout, string Stderr) run, int exitCode, params string[] says)
    {
        Assert.True(run.ExitCode == exitCode, $"exit code {run.ExitCode}, expected {exitCode}; stderr: {run.Stderr}");
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{run.Stderr}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("(Parameter '", run.Stderr);
        foreach (string text in says) Assert.Contains(text, lines[0]);
        return lines[0];
    }

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
