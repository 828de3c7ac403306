using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Sweeps;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Cli;

/// <summary>`scaling sweep run` on a real full disk and with bad input: one line, the right exit code, nothing lost.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private string SweepFile(JsonObject? overrides = null)
    {
        var defaults = (JsonObject)JsonSerializer.SerializeToNode(_data.TinyRun(steps: 20), RunJson.Options)!;
        foreach (var (key, value) in overrides ?? []) defaults[key] = value?.DeepClone();
        string path = Path.Combine(_data.Folder, "sweep.json");
        File.WriteAllText(path, new JsonObject
        {
            ["name"] = "disk",
            ["defaults"] = defaults,
            ["runs"] = new JsonArray(new JsonObject { ["id"] = "r0" }, new JsonObject { ["id"] = "r1", ["seed"] = 8 }),
        }.ToJsonString());
        return path;
    }

    [TmpfsFact]
    public void A_full_disk_stops_the_sweep_with_one_line_notes_the_failure_and_leaves_no_temporary()
    {
        // It used to end in an unhandled IOException with a trace, no failure note and a 0-byte *.failed.json.*.tmp.
        using var disk = new Tmpfs("2m");
        string sweep = SweepFile();
        // Room for a claim and a failure note, not for a checkpoint (about 300 KB for this model with AdamW's state).
        disk.FillLeaving(64 * 1024);

        var full = ScalingProcess.Run("sweep", "run", sweep, "--results", disk.Path);
        string line = ScalingProcess.AssertCleanFailure(full, 1, "stopped at run r0", "No space left on device", "run the same command again");
        var store = new SweepResultStore(disk.Path, "disk");
        Assert.True(File.Exists(store.FailurePath("r0")), line);
        Assert.Empty(Directory.GetFiles(store.Folder, "*.tmp", SearchOption.AllDirectories));

        // Space freed, the same command finishes the sweep.
        disk.Empty();
        var (code, stdout, stderr) = ScalingProcess.Run("sweep", "run", sweep, "--results", disk.Path);
        Assert.True(code == 0, stderr);
        Assert.Contains("every run has a record", stdout);
        Assert.True(store.IsComplete("r0") && store.IsComplete("r1"));
        Assert.False(File.Exists(store.FailurePath("r0")));
        Assert.Empty(Directory.GetFiles(store.Folder, "*.tmp", SearchOption.AllDirectories));
    }

    [TmpfsFact]
    public void A_disk_too_full_for_a_claim_stops_the_sweep_without_leaving_a_claim_that_blocks_others()
    {
        // An empty claim file left behind would read as another process's run for the stale-claim limit.
        using var disk = new Tmpfs("1m");
        string sweep = SweepFile();
        disk.FillLeaving(0);
        var full = ScalingProcess.Run("sweep", "run", sweep, "--results", disk.Path);
        ScalingProcess.AssertCleanFailure(full, 1, "stopped at run r0", "No space left on device", "claim");
        Assert.Empty(Directory.GetFiles(disk.Path, "*.claim", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_results_folder_that_cannot_be_written_is_refused_before_training()
    {
        ScalingProcess.AssertCleanFailure(ScalingProcess.Run("sweep", "run", SweepFile(), "--results", "/proc/x"), 2, "--results /proc/x", "Choose a folder");
    }

    [Fact]
    public void A_misspelt_key_in_a_run_is_refused_as_train_refuses_it()
    {
        string sweep = SweepFile(new JsonObject { ["model"] = new JsonObject { ["n_layerz"] = 3 } });
        ScalingProcess.AssertCleanFailure(ScalingProcess.Run("sweep", "run", sweep, "--results", Path.Combine(_data.Folder, "results")), 2,
            "Sweep 'disk', run 'r0'", "did you mean \"model.n_layer\"");
    }
}
