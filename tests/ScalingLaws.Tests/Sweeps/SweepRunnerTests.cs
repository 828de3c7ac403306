using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ScalingLaws.Sweeps;

namespace ScalingLaws.Tests.Sweeps;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly Data.TempFolder _temp = new();

    private string Root => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static SweepDefinition Sweep(int runs) => SweepDefinition.Parse(new JsonObject
    {
        ["name"] = "unit",
        ["defaults"] = new JsonObject { ["seed"] = 7 },
        ["runs"] = new JsonArray(Enumerable.Range(0, runs).Select(i => (JsonNode)new JsonObject { ["id"] = $"r{i}", ["size"] = i }).ToArray()),
    });

    private static JsonObject Record(SweepRunContext c) => new() { ["size"] = c.Config["size"]!.GetValue<int>(), ["status"] = "completed" };

    [Fact]
    public void Every_run_is_trained_once_and_stored_with_provenance()
    {
        var store = new SweepResultStore(Root, "unit");
        var report = SweepRunner.Run(Sweep(4), store, (c, _) => Record(c));
        Assert.Equal(new SweepReport(4, 4, 0, 0, 0), report);
        var records = store.ReadAll();
        Assert.Equal(["r0", "r1", "r2", "r3"], records.Keys);
        Assert.Equal("unit", records["r2"]["sweep"]!["name"]!.GetValue<string>());
        Assert.Equal(2, records["r2"]["size"]!.GetValue<int>());
        Assert.Empty(Directory.EnumerateFiles(store.Folder, "*.claim"));
    }

    [Fact]
    public void Reading_a_sweep_that_never_ran_leaves_no_folder_behind_and_the_first_write_makes_it()
    {
        // An empty folder would pass for committed results (run-notebooks.sh renders a notebook whose folders exist).
        var store = new SweepResultStore(Root, "unit");
        Assert.Empty(store.ReadAll());
        Assert.False(store.IsComplete("r0"));
        Assert.False(Directory.Exists(store.Folder));

        Assert.True(store.TryWriteResult("r0", new JsonObject { ["size"] = 1, ["status"] = "completed" }));
        Assert.Equal(["r0"], store.ReadAll().Keys);
    }

    [Fact]
    public void A_second_pass_skips_completed_runs()
    {
        var store = new SweepResultStore(Root, "unit");
        SweepRunner.Run(Sweep(3), store, (c, _) => Record(c), onlyRunIds: ["r1"]);
        int trained = 0;
        var report = SweepRunner.Run(Sweep(3), store, (c, _) => { trained++; return Record(c); });
        Assert.Equal(2, trained);
        Assert.Equal(1, report.AlreadyComplete);
        Assert.True(report.AllComplete);
    }

    [Fact]
    public void A_failing_run_is_noted_the_sweep_goes_on_and_the_next_pass_retries_it()
    {
        var store = new SweepResultStore(Root, "unit");
        var report = SweepRunner.Run(Sweep(3), store, (c, _) => c.RunId == "r1" ? throw new InvalidOperationException("boom") : Record(c));
        Assert.Equal(1, report.Failed);
        Assert.Equal(2, report.Completed);
        Assert.Contains("boom", File.ReadAllText(store.FailurePath("r1")));

        var retry = SweepRunner.Run(Sweep(3), store, (c, _) => Record(c));
        Assert.Equal(1, retry.Completed);
        Assert.False(File.Exists(store.FailurePath("r1")));
        Assert.Equal(3, store.ReadAll().Count);
    }

    [Fact]
    public async Task Concurrent_workers_train_each_run_exactly_once()
    {
        var sweep = Sweep(24);
        var trainedBy = new ConcurrentDictionary<string, int>();
        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            SweepRunner.Run(sweep, new SweepResultStore(Root, "unit"), (c, _) =>
            {
                trainedBy.AddOrUpdate(c.RunId, 1, (_, n) => n + 1);
                Thread.Sleep(5);
                return Record(c);
            }))).ToArray();
        var reports = await Task.WhenAll(workers);

        Assert.Equal(24, trainedBy.Count);
        Assert.All(trainedBy.Values, n => Assert.Equal(1, n));
        Assert.Equal(24, reports.Sum(r => r.Completed));
        Assert.Equal(24, new SweepResultStore(Root, "unit").ReadAll().Count);
    }

    [Fact]
    public void A_claim_left_by_a_dead_process_is_taken_over()
    {
        var store = new SweepResultStore(Root, "unit").Create();
        using (var dead = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            dead.WaitForExit();
            File.WriteAllText(store.ClaimPath("r0"), $$"""{"token": "old", "host": "{{Environment.MachineName}}", "pid": {{dead.Id}}}""");
        }
        var report = SweepRunner.Run(Sweep(1), store, (c, _) => Record(c));
        Assert.Equal(1, report.Completed);
    }

    [Fact]
    public void A_live_claim_is_respected_until_its_heartbeat_goes_stale()
    {
        var store = new SweepResultStore(Root, "unit").Create();
        File.WriteAllText(store.ClaimPath("r0"), $$"""{"token": "other", "host": "another-machine", "pid": 1}""");
        var report = SweepRunner.Run(Sweep(1), store, (c, _) => Record(c));
        Assert.Equal(1, report.ClaimedElsewhere);
        Assert.False(store.IsComplete("r0"));

        File.SetLastWriteTimeUtc(store.ClaimPath("r0"), DateTime.UtcNow - TimeSpan.FromHours(1));
        var later = SweepRunner.Run(Sweep(1), store, (c, _) => Record(c));
        Assert.Equal(1, later.Completed);
    }

    [Fact]
    public void Asking_for_an_unknown_run_names_the_runs_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SweepRunner.Run(Sweep(2), new SweepResultStore(Root, "unit"), (c, _) => Record(c), onlyRunIds: ["nope"]));
        Assert.Contains("nope", error.Message);
        Assert.Contains("r0, r1", error.Message);
    }

    [Fact]
    public void A_run_whose_config_changed_is_trained_again_and_its_old_record_kept_aside()
    {
        var store = new SweepResultStore(Root, "unit");
        SweepRunner.Run(Sweep(2), store, (c, _) => Record(c));
        var changed = SweepDefinition.Parse(new JsonObject
        {
            ["name"] = "unit",
            ["defaults"] = new JsonObject { ["seed"] = 7 },
            ["runs"] = new JsonArray(new JsonObject { ["id"] = "r0", ["size"] = 0 }, new JsonObject { ["id"] = "r1", ["size"] = 5 }),
        });
        // Before the next run sets it aside, the old record is complete but not current: status and ETA count it as to do.
        Assert.True(store.IsComplete("r1"));
        Assert.False(store.IsCurrent("r1", changed.ConfigFor(changed.Runs[1])));
        Assert.True(store.IsCurrent("r0", changed.ConfigFor(changed.Runs[0])));

        var events = new List<SweepEvent>();
        var report = SweepRunner.Run(changed, store, (c, _) => Record(c), new SyncProgress(events.Add));

        Assert.Equal(1, report.Completed);
        Assert.Equal(1, report.AlreadyComplete);
        Assert.Contains(events, e => e.RunId == "r1" && e.Kind == SweepEventKind.Outdated);
        Assert.Equal(5, store.ReadAll()["r1"]["size"]!.GetValue<int>());
        Assert.Single(Directory.EnumerateFiles(store.Folder, "r1.json.outdated-*"));
        Assert.True(store.IsCurrent("r1", changed.ConfigFor(changed.Runs[1])));
    }

    private sealed class SyncProgress(Action<SweepEvent> report) : IProgress<SweepEvent>
    {
        public void Report(SweepEvent value) => report(value);
    }
}
