using System.Globalization;

namespace ScalingLaws.Sweeps;

/// <summary>
/// A sweep as a Slurm job array: <see cref="Tasks"/> workers, each running the same <c>scaling sweep run</c> against
/// one results folder, where run claims split the runs between them. <see cref="Script"/> writes the sbatch file;
/// nothing here touches Slurm or the disk.
/// </summary>
public sealed record SlurmArrayJob
{
    /// <summary>The sweep's name (the job's name, and its folder under the results root).</summary>
    public required string SweepName { get; init; }

    /// <summary>The sweep file, as every node will see it (absolute).</summary>
    public required string SweepPath { get; init; }

    /// <summary>The results root on storage every node mounts (absolute); records go to <c>ROOT/NAME/</c>.</summary>
    public required string ResultsRoot { get; init; }

    /// <summary>Array tasks: workers that may run at once.</summary>
    public required int Tasks { get; init; }

    /// <summary>Cores per task; each worker trains with that many threads.</summary>
    public required int CpusPerTask { get; init; }

    /// <summary>The <c>scaling</c> command as this machine starts it, e.g. <c>[/usr/share/dotnet/dotnet, /opt/scaling/scaling.dll]</c>.</summary>
    public required IReadOnlyList<string> Scaling { get; init; }

    /// <summary>Slurm partition; null = the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>Time limit per task in Slurm's syntax (<c>2:00:00</c>, <c>1-00:00:00</c>); null = the partition's.</summary>
    public string? TimeLimit { get; init; }

    /// <summary>Where the script and each task's output file go: inside the sweep's results folder, so every node sees them.</summary>
    /// <remarks>The leading underscore keeps it apart from run working folders: a run id cannot start with one.</remarks>
    public string LogFolder => Path.Combine(ResultsRoot, SweepName, "_slurm");

    /// <summary>Where the sbatch script is written.</summary>
    public string ScriptPath => Path.Combine(LogFolder, SweepName + ".sbatch");

    /// <summary>The cores a worker should get when the caller names none: the most threads any run asks for, else one.</summary>
    public static int DefaultCpusPerTask(SweepDefinition sweep) =>
        sweep.Runs.Select(run => sweep.ConfigFor(run)["threads"]?.GetValue<int>() ?? 0).Append(1).Max();

    /// <summary>
    /// Why this array cannot share its results folder, or null when it can: a node-local folder (see
    /// <see cref="NodeLocalStorage"/>) works only when every task runs on one node, that is for one task or a
    /// cluster of one node (<paramref name="clusterNodes"/>; null = unknown, so possibly many).
    /// </summary>
    public string? StorageProblem(string? nodeLocalRoot, int? clusterNodes)
    {
        if (nodeLocalRoot is null || Tasks == 1 || clusterNodes == 1) return null;
        string nodes = clusterNodes is { } n ? $"the {(Partition is null ? "cluster" : $"partition '{Partition}'")} has {n} nodes" : "Slurm's node count is unknown here";
        return $"--results {ResultsRoot} is on node-local storage ({nodeLocalRoot}), but the {Tasks} array tasks may run on different nodes " +
               $"({nodes}) and would not see each other's claims or records. Pass --results a folder every node mounts " +
               "(your home or project space), or --tasks 1.";
    }

    /// <summary>The sbatch script: Slurm options, then one <c>scaling sweep run</c> per task with its share of cores.</summary>
    public string Script()
    {
        var lines = new List<string>
        {
            "#!/bin/bash",
            $"# Sweep {SweepName} as a Slurm job array: every task runs the same `scaling sweep run` against one results folder,",
            "# where claims split the runs between tasks. A task that dies leaves its claim behind; the claim goes stale (at once",
            $"# for a worker on the same node, after {SweepRunner.DefaultStaleAfter.TotalMinutes:0} minutes without a heartbeat elsewhere) " +
                "and the next worker to reach the run",
            "# takes it over, resuming from its last checkpoint. Resubmitting this script finishes what is left.",
            $"# Submit: sbatch {Quote(ScriptPath)}",
            $"# Watch:  {Command([.. Scaling, "sweep", "status", SweepPath, "--results", ResultsRoot])}",
            $"#SBATCH --job-name={SweepName}",
            $"#SBATCH --array=0-{Tasks - 1}",
            "#SBATCH --ntasks=1",
            $"#SBATCH --cpus-per-task={CpusPerTask}",
        };
        if (Partition is not null) lines.Add($"#SBATCH --partition={Partition}");
        if (TimeLimit is not null) lines.Add($"#SBATCH --time={TimeLimit}");
        lines.Add($"#SBATCH --output={SbatchValue(Path.Combine(LogFolder, "slurm-%A_%a.out"))}");
        lines.Add("set -eu");
        lines.Add("# Threads follow the cores Slurm granted (`sbatch -c N` overrides the line above); they are not part of a run's");
        lines.Add("# identity, so records still match the sweep and a run resumes under any worker.");
        lines.Add("exec " + Command([.. Scaling, "sweep", "run", SweepPath, "--results", ResultsRoot, "--threads"]) +
                  " \"${SLURM_CPUS_PER_TASK:-" + CpusPerTask.ToString(CultureInfo.InvariantCulture) + "}\"");
        return string.Join('\n', lines) + "\n";
    }

    private static string Command(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    // Single quotes keep a path literal in bash; a quote inside one is closed, escaped and reopened.
    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:+,@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    // #SBATCH lines are read by sbatch, not bash: it accepts double quotes around a value with spaces.
    private static string SbatchValue(string value) => value.Contains(' ') ? $"\"{value}\"" : value;
}
