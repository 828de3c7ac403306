using System.Diagnostics;
using ScalingLaws.Tests.Data;
using ScalingLaws.Tests.Sweeps;

namespace ScalingLaws.Tests.Cli;

/// <summary>
/// `scaling sweep slurm` with stand-ins for Slurm's sinfo and sbatch on its PATH (and nothing else), so what it asks
/// Slurm and what it refuses do not depend on this machine. The real cluster test is <see cref="SweepOnSlurmTests"/>.
/// </summary>
public sealed class SweepSlurmCommandTests : IDisposable
{
    private readonly TempDataset data = new();
    private readonly TempFolder bin = new();

    public void Dispose()
    {
        data.Dispose();
        bin.Dispose();
    }

    private void FakeSlurmCommand(string name, string body)
    {
        string path = bin.File(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private (int ExitCode, string Stdout, string Stderr) Scaling(params string[] args)
    {
        // The dotnet host by its full path: PATH holds only the fake Slurm commands.
        string dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "/usr/share/dotnet/dotnet";
        var start = new ProcessStartInfo(dotnet, ["exec", Path.Combine(AppContext.BaseDirectory, "scaling.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = bin.Path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private string Sweep(int runs) => TinySweep.Write(data, "lm", Enumerable.Range(0, runs).Select(i => ($"r{i}", 20L)).ToArray());

    private string Results => Path.Combine(data.Folder, "results");

    [Fact]
    public void A_node_local_results_folder_for_an_array_that_may_span_nodes_is_refused_with_the_fix()
    {
        FakeSlurmCommand("sinfo", "echo node1; echo node2; echo node1");
        var (code, stdout, stderr) = Scaling("sweep", "slurm", Sweep(3), "--results", Results);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"--results {Results} is on node-local storage (/tmp)", line);
        Assert.Contains("3 array tasks may run on different nodes (the cluster has 2 nodes)", line);
        Assert.Contains("Pass --results a folder every node mounts", line);
    }

    [Fact]
    public void Submitting_without_sbatch_is_refused_with_where_to_run_it()
    {
        var (code, _, stderr) = Scaling("sweep", "slurm", Sweep(2), "--results", Results, "--tasks", "1", "--submit");
        Assert.Equal(2, code);
        Assert.Contains("--submit needs Slurm's sbatch, and it is not on PATH", stderr);
        Assert.Contains("drop --submit", stderr);
        Assert.False(Directory.Exists(Path.Combine(Results, "lm", "_slurm")), "nothing is written when the command is refused");
    }

    [Fact]
    public void The_script_is_printed_and_written_with_one_task_per_run_left_by_default()
    {
        FakeSlurmCommand("sinfo", "echo node1");
        string sweep = Sweep(3);
        Directory.CreateDirectory(Path.Combine(Results, "lm"));
        File.WriteAllText(Path.Combine(Results, "lm", "r1.json"), "{}");

        var (code, stdout, stderr) = Scaling("sweep", "slurm", sweep, "--results", Results, "--cpus-per-task", "2");

        Assert.True(code == 0, stderr);
        Assert.Contains("#SBATCH --array=0-1\n", stdout);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", stdout);
        Assert.Equal(stdout, File.ReadAllText(Path.Combine(Results, "lm", "_slurm", "lm.sbatch")));
        Assert.Contains("submit it with `sbatch", stderr);
    }

    [Fact]
    public void Submit_hands_the_written_script_to_sbatch_and_never_asks_for_more_tasks_than_runs_left()
    {
        FakeSlurmCommand("sinfo", "echo node1");
        string arguments = bin.File("sbatch-arguments");
        FakeSlurmCommand("sbatch", $"echo \"$@\" > {arguments}; echo '4242;cluster'");

        var (code, stdout, stderr) = Scaling("sweep", "slurm", Sweep(2), "--results", Results, "--tasks", "5", "--submit");

        Assert.True(code == 0, stderr);
        Assert.Contains("--tasks 5 is more than the 2 runs left; asking for 2 tasks", stderr);
        Assert.Contains("submitted job array 4242 for sweep lm: 2 tasks", stdout);
        string script = Path.Combine(Results, "lm", "_slurm", "lm.sbatch");
        Assert.Equal($"--parsable {script}", File.ReadAllText(arguments).Trim());
        Assert.Contains("#SBATCH --array=0-1\n", File.ReadAllText(script));
    }

    [Fact]
    public void A_finished_sweep_submits_nothing()
    {
        FakeSlurmCommand("sbatch", "exit 1");
        Directory.CreateDirectory(Path.Combine(Results, "lm"));
        File.WriteAllText(Path.Combine(Results, "lm", "r0.json"), "{}");
        var (code, stdout, _) = Scaling("sweep", "slurm", Sweep(1), "--results", Results, "--submit");
        Assert.Equal(0, code);
        Assert.Contains("every run has a result", stdout);
    }
}
