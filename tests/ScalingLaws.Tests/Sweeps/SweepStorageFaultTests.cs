using System.Text.Json.Nodes;
using ScalingLaws.IO;
using ScalingLaws.Sweeps;

namespace ScalingLaws.Tests.Sweeps;

/// <summary>
/// A full disk or a forbidden results folder during a sweep, made to happen through the store's write seam: one clear
/// error, the failure noted where it can be, nothing trained lost, and no temporary file left behind.
/// </summary>
public sealed class SweepStorageFaultTests : IDisposable
{
    private readonly Data.TempFolder _temp = new();
    // A name of its own, so the rescued record of this test cannot meet another's in the shared temporary folder.
    private readonly string _name = "disk-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        _temp.Dispose();
        string rescued = Path.Combine(RescuedFile.Folder, _name);
        if (Directory.Exists(rescued)) Directory.Delete(rescued, recursive: true);
    }

    private SweepDefinition Sweep(int runs) => SweepDefinition.Parse(new JsonObject
    {
        ["name"] = _name,
        ["runs"] = new JsonArray(Enumerable.Range(0, runs).Select(i => (JsonNode)new JsonObject { ["id"] = $"r{i}", ["size"] = i }).ToArray()),
    });

    private static JsonObject Record(SweepRunContext c) => new() { ["size"] = c.Config["size"]!.GetValue<int>(), ["status"] = "completed" };

    private static Action<string> DiskFullFor(params string[] fileNames) => path =>
    {
        if (fileNames.Contains(Path.GetFileName(path))) throw new IOException($"No space left on device : '{path}'");
    };

    private string[] Temporaries(SweepResultStore store) =>
        Directory.GetFiles(store.Folder, "*.tmp", SearchOption.AllDirectories);

    [Fact]
    public void A_record_that_cannot_be_written_stops_the_sweep_and_is_saved_elsewhere()
    {
        var store = new SweepResultStore(_temp.Path, _name) { BeforeWrite = DiskFullFor("r1.json", "r1.failed.json") };
        int trained = 0;
        var e = Assert.Throws<IOException>(() => SweepRunner.Run(Sweep(3), store, (c, _) => { trained++; return Record(c); }));

        Assert.Equal(2, trained);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("stopped at run r1", e.Message);
        Assert.Contains("No space left on device", e.Message);
        Assert.Contains("run the same command again", e.Message);
        Assert.True(store.IsComplete("r0"));
        Assert.False(store.IsComplete("r1"));
        string rescued = Path.Combine(RescuedFile.Folder, _name, "r1.json");
        Assert.Contains(rescued, e.Message);
        Assert.Equal(1, JsonNode.Parse(File.ReadAllText(rescued))!["size"]!.GetValue<int>());
        Assert.Empty(Temporaries(store));
    }

    [Fact]
    public void A_full_disk_during_training_is_noted_and_stops_the_sweep()
    {
        var store = new SweepResultStore(_temp.Path, _name);
        var trained = new List<string>();
        var e = Assert.Throws<IOException>(() => SweepRunner.Run(Sweep(3), store, (c, _) =>
        {
            trained.Add(c.RunId);
            return c.RunId == "r1" ? throw new IOException("No space left on device : 'ckpt-0000000100.bin'") : Record(c);
        }));

        Assert.Equal(["r0", "r1"], trained);
        Assert.Contains("failure noted in r1.failed.json", e.Message);
        Assert.Contains("No space left on device", File.ReadAllText(store.FailurePath("r1")));
        Assert.True(store.IsComplete("r0"));
    }

    [Fact]
    public void When_not_even_the_failure_note_fits_the_message_says_so()
    {
        var store = new SweepResultStore(_temp.Path, _name) { BeforeWrite = DiskFullFor("r0.failed.json") };
        var e = Assert.Throws<IOException>(() => SweepRunner.Run(Sweep(2), store, (_, _) => throw new InvalidOperationException("boom")));
        Assert.Contains("no failure note", e.Message);
        Assert.False(File.Exists(store.FailurePath("r0")));
        Assert.Empty(Temporaries(store));
    }

    [Fact]
    public void An_ordinary_failure_is_still_noted_and_the_sweep_goes_on()
    {
        var store = new SweepResultStore(_temp.Path, _name);
        var report = SweepRunner.Run(Sweep(2), store, (c, _) => c.RunId == "r0" ? throw new FileNotFoundException("no train.bin") : Record(c));
        Assert.Equal(1, report.Failed);
        Assert.Equal(1, report.Completed);
    }

    [Fact]
    public void Temporaries_left_by_killed_writers_are_cleared_when_a_sweep_starts()
    {
        var store = new SweepResultStore(_temp.Path, _name).Create();
        string left = Path.Combine(store.Folder, "r0.failed.json.4242.0123abcd.tmp");
        string live = Path.Combine(store.Folder, ".r1.json.0123abcd.tmp");
        File.WriteAllBytes(left, []);
        File.WriteAllBytes(live, []);
        File.SetLastWriteTimeUtc(left, DateTime.UtcNow - TimeSpan.FromHours(2));

        SweepRunner.Run(Sweep(1), store, (c, _) => Record(c));
        Assert.False(File.Exists(left));
        Assert.True(File.Exists(live), "another process's write in progress must not be touched");
    }

    [Fact]
    public void Runs_another_process_finished_meanwhile_count_as_done_not_as_running_elsewhere()
    {
        var store = new SweepResultStore(_temp.Path, _name).Create();
        File.WriteAllText(store.ClaimPath("r0"), """{"token": "other", "host": "another-machine", "pid": 1}""");
        var report = SweepRunner.Run(Sweep(2), store, (c, _) =>
        {
            // While this process trains r1, the other one finishes r0.
            new SweepResultStore(_temp.Path, _name).TryWriteResult("r0", new JsonObject { ["size"] = 0 });
            return Record(c);
        });
        Assert.Equal(0, report.ClaimedElsewhere);
        Assert.Equal(1, report.AlreadyComplete);
        Assert.True(report.AllComplete);
    }
}
