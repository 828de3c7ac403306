using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Sweeps;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Sweeps;

public class SweepKillResumeTests
{
    [Fact]
    public void A_sweep_killed_midway_and_restarted_finishes_with_every_run_present_once()
    {
        using var data = new TempDataset();
        var run = data.TinyRun(steps: 150) with { CheckpointEverySteps = 10, EvalEverySteps = 50 };
        var defaults = (JsonObject)JsonSerializer.SerializeToNode(run, RunJson.Options)!;
        string sweepPath = Path.Combine(data.Folder, "sweep.json");
        File.WriteAllText(sweepPath, new JsonObject
        {
            ["name"] = "killed",
            ["defaults"] = defaults,
            ["runs"] = new JsonArray(
                new JsonObject { ["id"] = "a" },
                new JsonObject { ["id"] = "b", ["seed"] = 8 },
                new JsonObject { ["id"] = "c", ["seed"] = 9 }),
        }.ToJsonString());
        string results = Path.Combine(data.Folder, "results");
        var store = new SweepResultStore(results, "killed");

        // A real `scaling sweep run` process, killed (SIGKILL) while its second run is training.
        string secondCheckpoints = Path.Combine(store.WorkingFolder("b"), "checkpoints");
        ScalingProcess.KillWhen(() => store.IsComplete("a") && Checkpoint.List(secondCheckpoints).Count > 0, TimeSpan.FromSeconds(120),
            "sweep", "run", sweepPath, "--results", results);
        Assert.True(store.IsComplete("a"));
        Assert.False(store.IsComplete("b"), "the second run finished before the kill");
        Assert.True(File.Exists(store.ClaimPath("b")), "the killed process should have left its claim behind");

        // Restart: the dead process's claim is taken over, b resumes from its checkpoint, a is skipped.
        var sweep = SweepDefinition.Load(sweepPath);
        var report = SweepRunner.Run(sweep, store, (context, token) => SweepTraining.Train(context, data.Folder, null, null, token));

        Assert.Equal(new SweepReport(Total: 3, Completed: 2, AlreadyComplete: 1, ClaimedElsewhere: 0, Failed: 0), report);
        var records = store.ReadAll();
        Assert.Equal(["a", "b", "c"], records.Keys);
        Assert.Empty(Directory.EnumerateFiles(store.Folder, "*.claim*"));
        var b = SweepTraining.ToRunResult(records["b"]);
        Assert.Contains(b.Notes, n => n.StartsWith("Resumed from", StringComparison.Ordinal));
        Assert.Equal(150, b.Steps);
        Assert.All(records.Values, r => Assert.Equal("killed", r["sweep"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void An_invalid_run_config_fails_the_whole_sweep_before_any_training()
    {
        using var data = new TempDataset();
        var defaults = (JsonObject)JsonSerializer.SerializeToNode(data.TinyRun(), RunJson.Options)!;
        var sweep = SweepDefinition.Parse(new JsonObject
        {
            ["name"] = "bad",
            ["defaults"] = defaults,
            ["runs"] = new JsonArray(new JsonObject { ["id"] = "ok" }, new JsonObject { ["id"] = "odd-heads", ["model"] = new JsonObject { ["n_head"] = 3 } }),
        });
        var error = Assert.Throws<ArgumentException>(() => SweepTraining.ValidateAll(sweep));
        Assert.Contains("odd-heads", error.Message);
        Assert.Contains("n_head", error.Message);
    }

    [Fact]
    public void A_misspelt_config_key_is_an_error_not_a_silent_default()
    {
        using var data = new TempDataset();
        var defaults = (JsonObject)JsonSerializer.SerializeToNode(data.TinyRun(), RunJson.Options)!;
        var sweep = SweepDefinition.Parse(new JsonObject
        {
            ["name"] = "typo",
            ["defaults"] = defaults,
            ["runs"] = new JsonArray(
                new JsonObject { ["id"] = "described", ["group"] = "size", ["budget_flops"] = 1e9, ["tags"] = new JsonObject { ["arm"] = "tuned" } },
                new JsonObject { ["id"] = "typo", ["schedule"] = new JsonObject { ["warmup_token"] = 100 } }),
        });
        var error = Assert.Throws<ArgumentException>(() => SweepTraining.ValidateAll(sweep));
        Assert.Contains("typo", error.Message);
        Assert.Contains("warmup_token", error.Message);
    }

    [Fact]
    public void A_diverging_run_is_recorded_as_diverged_and_the_sweep_goes_on()
    {
        using var data = new TempDataset();
        var defaults = (JsonObject)JsonSerializer.SerializeToNode(data.TinyRun(steps: 20), RunJson.Options)!;
        var sweep = SweepDefinition.Parse(new JsonObject
        {
            ["name"] = "diverging",
            ["defaults"] = defaults,
            ["runs"] = new JsonArray(
                new JsonObject { ["id"] = "explodes", ["grad_clip"] = 0, ["schedule"] = new JsonObject { ["kind"] = "constant", ["peak_learning_rate"] = 1e30 } },
                new JsonObject { ["id"] = "fine" }),
        });
        var store = new SweepResultStore(Path.Combine(data.Folder, "results"), sweep.Name);
        var report = SweepRunner.Run(sweep, store, (context, token) => SweepTraining.Train(context, data.Folder, null, null, token));

        Assert.Equal(2, report.Completed);
        var records = store.ReadAll();
        Assert.Equal(RunStatus.Diverged, SweepTraining.ToRunResult(records["explodes"]).Status);
        Assert.Equal(RunStatus.Completed, SweepTraining.ToRunResult(records["fine"]).Status);
        // A diverged run is a result: the next pass does not retry it.
        Assert.Equal(2, SweepRunner.Run(sweep, store, (_, _) => throw new InvalidOperationException("should not train")).AlreadyComplete);
    }
}
