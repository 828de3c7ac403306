using System.Diagnostics;

namespace ScalingLaws.Cli.Commands;

/// <summary>The Slurm client commands `scaling sweep slurm` calls (sinfo, sbatch), found on PATH as a user's shell finds them.</summary>
internal static class SlurmClient
{
    /// <summary>The full path of <paramref name="command"/> on PATH, or null when it is not there.</summary>
    public static string? Find(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);

    /// <summary>How many nodes the partition (or the whole cluster) has, or null when sinfo is missing or does not answer.</summary>
    public static int? Nodes(string? partition)
    {
        if (Find("sinfo") is not { } sinfo) return null;
        string[] args = partition is null ? ["--noheader", "--Node", "--format=%N"] : ["--noheader", "--Node", "--format=%N", $"--partition={partition}"];
        var (code, stdout, _) = Run(sinfo, args);
        // --Node lists a node once per partition it is in: count names, not lines.
        int nodes = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Count();
        return code == 0 && nodes > 0 ? nodes : null;
    }

    /// <summary>Submits a batch script; returns sbatch's job id, or throws with sbatch's own words.</summary>
    public static string Submit(string sbatch, string scriptPath)
    {
        var (code, stdout, stderr) = Run(sbatch, "--parsable", scriptPath);
        if (code != 0)
            throw new InvalidOperationException($"sbatch refused {scriptPath} (exit {code}): {stderr.Trim()}");
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        return stdout.Trim().Split(';')[0];
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            return (-1, "", $"{Path.GetFileName(file)} did not answer within a minute; is slurmctld up (`scontrol ping`)?");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
