using System.Diagnostics;
using ScalingLaws.Sweeps;
using ScalingLaws.Tests.Data;

namespace ScalingLaws.Tests.Sweeps;

public class SlurmArrayJobTests
{
    private static SlurmArrayJob Job(IReadOnlyList<string>? scaling = null) => new()
    {
        SweepName = "lm",
        SweepPath = "/shared/sweeps/it's here.json",
        ResultsRoot = "/shared/results",
        Tasks = 4,
        CpusPerTask = 2,
        Scaling = scaling ?? ["/usr/bin/dotnet", "/opt/scaling/scaling.dll"],
    };

    // Runs the script with bash as a Slurm task would, with `scaling` replaced by printf so each argument shows as [arg].
    private static string[] ArgumentsOfWorker(SlurmArrayJob job, string? cpusGranted)
    {
        using var folder = new TempFolder();
        string script = folder.File("job.sbatch");
        File.WriteAllText(script, (job with { Scaling = ["printf", "[%s]\\n"] }).Script());
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true };
        start.Environment.Remove("SLURM_CPUS_PER_TASK");
        if (cpusGranted is not null) start.Environment["SLURM_CPUS_PER_TASK"] = cpusGranted;
        using var bash = Process.Start(start)!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.Equal(0, bash.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim('[', ']')).ToArray();
    }

    [Fact]
    public void Each_task_runs_the_sweep_against_the_shared_results_with_the_cores_slurm_granted()
    {
        Assert.Equal(["sweep", "run", "/shared/sweeps/it's here.json", "--results", "/shared/results", "--threads", "3"], ArgumentsOfWorker(Job(), cpusGranted: "3"));
        Assert.Equal("2", ArgumentsOfWorker(Job(), cpusGranted: null)[^1]);
    }

    [Fact]
    public void The_script_asks_for_an_array_of_workers_with_their_cores_and_an_output_file_per_task()
    {
        string[] options = Job().Script().Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            ["#SBATCH --job-name=lm", "#SBATCH --array=0-3", "#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=2", "#SBATCH --output=/shared/results/lm/_slurm/slurm-%A_%a.out"],
            options);
        string withLimits = (Job() with { Partition = "gpu", TimeLimit = "4:00:00" }).Script();
        Assert.Contains("#SBATCH --partition=gpu\n", withLimits);
        Assert.Contains("#SBATCH --time=4:00:00\n", withLimits);
    }

    [Fact]
    public void A_node_local_results_folder_is_refused_only_when_tasks_may_land_on_different_nodes()
    {
        var job = Job() with { ResultsRoot = "/tmp/results" };
        Assert.Contains("--results /tmp/results is on node-local storage (/tmp)", job.StorageProblem("/tmp", clusterNodes: 3));
        Assert.Contains("node count is unknown", job.StorageProblem("/tmp", clusterNodes: null));
        Assert.Null(job.StorageProblem("/tmp", clusterNodes: 1));
        Assert.Null((job with { Tasks = 1 }).StorageProblem("/tmp", clusterNodes: 3));
        Assert.Null(Job().StorageProblem(null, clusterNodes: 3));
    }

    [Fact]
    public void Workers_get_as_many_cores_as_the_hungriest_run_asks_for_else_one()
    {
        var sweep = SweepDefinition.Parse(System.Text.Json.Nodes.JsonNode.Parse("""
            {"name": "s", "defaults": {"threads": 2}, "runs": [{"id": "a"}, {"id": "b", "threads": 6}]}
            """)!.AsObject());
        Assert.Equal(6, SlurmArrayJob.DefaultCpusPerTask(sweep));
        var unset = SweepDefinition.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"name": "s", "runs": [{"id": "a"}]}""")!.AsObject());
        Assert.Equal(1, SlurmArrayJob.DefaultCpusPerTask(unset));
    }
}
