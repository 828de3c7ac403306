using System.ComponentModel;
using System.Diagnostics;

namespace ScalingLaws.Tests.Cli;

/// <summary>
/// The Slurm this machine's client commands talk to (SLURM_CONF, else /etc/slurm), driven as a user drives it from a
/// shell: scontrol, sinfo, squeue, scancel.
/// </summary>
internal static class SlurmCluster
{
    private const string HowToGetOne = "`.ci/slurm-sweep-test` starts a single-node Slurm and runs these tests";

    /// <summary>Why no Slurm can run jobs here, or null when a controller answers and a node is up.</summary>
    public static string? Unavailable()
    {
        if (Run("scontrol", "ping") is not { } ping)
            return $"Needs Slurm: scontrol is not on PATH. {HowToGetOne}.";
        if (ping.Code != 0 || !ping.Stdout.Contains(" is UP", StringComparison.Ordinal))
            return $"Needs a running Slurm: `scontrol ping` says \"{FirstLine(ping.Stdout + ping.Stderr)}\". {HowToGetOne}.";
        var states = Run("sinfo", "--noheader", "--format=%T")?.Stdout ?? "";
        if (!states.Contains("idle", StringComparison.Ordinal) && !states.Contains("mix", StringComparison.Ordinal))
            return $"Needs a Slurm node that can take jobs: sinfo says \"{FirstLine(states)}\". {HowToGetOne}.";
        // Two one-core tasks must run at once for the array to split a sweep.
        string cpus = FirstLine(Run("sinfo", "--noheader", "--format=%c")?.Stdout ?? "").TrimEnd('+');
        if (!int.TryParse(cpus, out int perNode) || perNode < 2)
            return $"Needs a Slurm node with at least 2 CPUs, so two array tasks run at once: sinfo says \"{cpus}\".";
        return null;
    }

    /// <summary>The array's tasks still pending or running, as <c>JOB_TASK</c> ids.</summary>
    public static IReadOnlyList<string> Queued(string arrayJob) =>
        [.. Required("squeue", "--noheader", "--array", $"--jobs={arrayJob}", "--states=PENDING,CONFIGURING,RUNNING,SUSPENDED,COMPLETING", "--format=%i").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];

    /// <summary>Waits until none of the array's tasks is pending or running.</summary>
    public static void WaitUntilFinished(string arrayJob, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Queued(arrayJob).Count > 0)
        {
            Assert.True(clock.Elapsed < timeout, $"job array {arrayJob} still queued after {timeout}: {string.Join(", ", Queued(arrayJob))}");
            Thread.Sleep(200);
        }
    }

    /// <summary>How a job (or array task, <c>JOB_TASK</c>) ended or stands: COMPLETED, CANCELLED, RUNNING...</summary>
    public static string State(string job)
    {
        string line = Required("scontrol", "--oneliner", "show", "job", job);
        return line.Split(' ').Single(field => field.StartsWith("JobState=", StringComparison.Ordinal))["JobState=".Length..];
    }

    /// <summary>Cancels one job or array task, as `scancel` does.</summary>
    public static void Cancel(string job) => Required("scancel", job);

    private static string Required(string command, params string[] args)
    {
        var result = Run(command, args) ?? throw new InvalidOperationException($"{command} is not on PATH");
        Assert.True(result.Code == 0, $"`{command} {string.Join(' ', args)}` failed (exit {result.Code}): {result.Stderr}");
        return result.Stdout;
    }

    private static (int Code, string Stdout, string Stderr)? Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try { process = Process.Start(start)!; }
        catch (Win32Exception) { return null; }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                return (-1, "", $"{command} did not answer within 30 s");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();
}

/// <summary>A [Fact] that needs a running Slurm, and otherwise shows up as skipped with the reason (never as passed).</summary>
internal sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (SlurmCluster.Unavailable() is { } reason) Skip = reason;
    }
}
