using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScalingLaws.Sweeps;
using ScalingLaws.Tests.Data;
using ScalingLaws.Tests.Sweeps;
using ScalingLaws.Training;
using Xunit.Abstractions;

namespace ScalingLaws.Tests.Cli;

/// <summary>
/// `scaling sweep slurm --submit` against a real Slurm (one node, two cores: `.ci/slurm-sweep-test` starts one):
/// the array splits the runs, each run trains once, and a task cancelled mid-run leaves a run that the resubmitted
/// array resumes from its checkpoint. Each step is written to the test output, which CI prints.
/// </summary>
public sealed partial class SweepOnSlurmTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ArrayTimeout = TimeSpan.FromMinutes(2);
    private readonly TempDataset data = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private string Results => Path.Combine(data.Folder, "results");

    public void Dispose() => data.Dispose();

    private void Log(string line) => output.WriteLine($"slurm [{clock.Elapsed.TotalSeconds,5:F1} s] {line}");

    [GeneratedRegex(@"^slurm (\d+_\d+) on ")]
    private static partial Regex ArrayTask();

    [GeneratedRegex(@"submitted job array (\d+) ")]
    private static partial Regex Submitted();

    [GeneratedRegex(@"at step (\d+)\.$")]
    private static partial Regex ResumedStep();

    // The array task (JOB_TASK) a record or claim names as its worker, or null.
    private static string? TaskOf(string? worker) => worker is not null && ArrayTask().Match(worker) is { Success: true } m ? m.Groups[1].Value : null;

    private static string? TaskOf(JsonObject record) => TaskOf(record["sweep"]?["worker"]?.GetValue<string>());

    private (string Job, string Line) Submit(string sweep, params string[] options)
    {
        var (code, stdout, stderr) = ScalingProcess.Run(["sweep", "slurm", sweep, "--results", Results, "--submit", .. options]);
        Assert.True(code == 0, $"`scaling sweep slurm --submit` failed (exit {code}): {stderr}");
        string line = stdout.Split('\n')[0];
        return (Submitted().Match(line).Groups[1].Value, line);
    }

    [SlurmFact]
    public void A_two_task_array_splits_the_sweep_and_trains_every_run_once()
    {
        string[] runs = ["a", "b", "c", "d"];
        string sweep = TinySweep.Write(data, "slurm-split", runs.Select(id => (id, 200L)).ToArray());
        var store = new SweepResultStore(Results, "slurm-split");

        var (job, line) = Submit(sweep, "--tasks", "2");
        Log(line);
        SlurmCluster.WaitUntilFinished(job, ArrayTimeout);

        var records = store.ReadAll();
        Assert.Equal(runs, records.Keys);
        var byTask = records.GroupBy(r => TaskOf(r.Value) ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Log("runs split between tasks: " + string.Join("; ", byTask.Select(g => $"{g.Key} trained {string.Join(", ", g.Select(r => r.Key))}")));
        Assert.Equal([$"{job}_0", $"{job}_1"], byTask.Select(g => g.Key));
        Assert.All(byTask, g => Assert.Equal("COMPLETED", SlurmCluster.State(g.Key)));

        // Once: each run started training in exactly one task's output, and its record is a whole, fresh run.
        string[] outputs = Directory.GetFiles(Path.Combine(store.Folder, "_slurm"), $"slurm-{job}_*.out").Select(File.ReadAllText).ToArray();
        Assert.Equal(2, outputs.Length);
        foreach (string run in runs)
        {
            Assert.Equal(1, outputs.Sum(o => Regex.Count(o, $@"\] {run}: training\n")));
            var result = SweepTraining.ToRunResult(records[run]);
            Assert.Equal((RunStatus.Completed, 200L), (result.Status, result.Steps));
            Assert.DoesNotContain(result.Notes, n => n.StartsWith("Resumed", StringComparison.Ordinal));
        }
        Log($"every run once: {records.Count}/{runs.Length} records, each run trained by exactly one task, 200/200 steps, none resumed; both tasks COMPLETED");
        Log($"took {clock.Elapsed.TotalSeconds:F0} s");
    }

    [SlurmFact]
    public void A_task_cancelled_mid_run_leaves_a_run_that_the_resubmitted_array_resumes_from_its_checkpoint()
    {
        const long LongSteps = 1500;
        string sweep = TinySweep.Write(data, "slurm-resume", ("short", 100), ("long", LongSteps));
        var store = new SweepResultStore(Results, "slurm-resume");
        string checkpoints = Path.Combine(store.WorkingFolder("long"), "checkpoints");

        var (job, line) = Submit(sweep, "--tasks", "2");
        Log(line);
        // Cancel the task training "long" once it has a checkpoint and the other task is gone (it would take "long" over).
        string? holder = null;
        var waited = Stopwatch.StartNew();
        while (!(store.IsComplete("short") && Checkpoint.List(checkpoints).Count > 0
                 && (holder = TaskOf(RunClaim.HolderOf(store.ClaimPath("long")))) is not null && SlurmCluster.Queued(job).SequenceEqual([holder])))
        {
            Assert.False(store.IsComplete("long"), $"'long' finished before it could be cancelled; give it more than {LongSteps} steps");
            Assert.True(waited.Elapsed < ArrayTimeout, $"no moment to cancel: queued {string.Join(", ", SlurmCluster.Queued(job))}, claim of 'long' held by {holder}");
            Thread.Sleep(50);
        }
        string atCancel = Path.GetFileName(Checkpoint.List(checkpoints)[0]);
        SlurmCluster.Cancel(holder);
        SlurmCluster.WaitUntilFinished(job, ArrayTimeout);
        Assert.Equal("CANCELLED", SlurmCluster.State(holder));
        Assert.False(store.IsComplete("long"));
        string? shortTask = TaskOf(store.ReadAll()["short"]);
        Log($"scancel {holder} while it trained 'long' (newest checkpoint {atCancel}); {shortTask} had finished 'short'; 'long' has no record");

        // Resubmitted with the defaults: one task for the one run left.
        var (again, againLine) = Submit(sweep);
        Log($"resubmitted with the defaults: {againLine}");
        Assert.Contains(": 1 task of 1 core each, 1 of 2 runs left", againLine);
        SlurmCluster.WaitUntilFinished(again, ArrayTimeout);

        var records = store.ReadAll();
        Assert.Equal(["long", "short"], records.Keys);
        var resumed = SweepTraining.ToRunResult(records["long"]);
        string note = Assert.Single(resumed.Notes, n => n.StartsWith("Resumed from", StringComparison.Ordinal));
        long step = long.Parse(ResumedStep().Match(note).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(step, 1, LongSteps - 1);
        Assert.Equal((RunStatus.Completed, LongSteps), (resumed.Status, resumed.Steps));
        Assert.Equal($"{again}_0", TaskOf(records["long"]));
        Assert.Equal(shortTask, TaskOf(records["short"]));
        var (code, status, _) = ScalingProcess.Run("sweep", "status", sweep, "--results", Results);
        Assert.Equal(0, code);
        Assert.Contains("2/2 runs have current results", status);
        Log($"resumed: {again}_0 took 'long' over from step {step} and finished it ({resumed.Steps}/{LongSteps} steps, {resumed.Status}); 'short' kept its one record; sweep status: 2/2 runs have current results");
        Log($"took {clock.Elapsed.TotalSeconds:F0} s");
    }
}
