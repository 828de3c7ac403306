using ScalingLaws.Sweeps;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Sweeps;

public class SweepTrainingTests
{
    [Fact]
    public void A_worker_threads_override_is_used_for_training_and_the_record_still_matches_its_sweep()
    {
        using var data = new TempDataset();
        var sweep = SweepDefinition.Load(TinySweep.Write(data, "threads", ("a", 20)));
        var store = new SweepResultStore(Path.Combine(data.Folder, "results"), sweep.Name);
        Assert.Equal(1, sweep.ConfigFor(sweep.Runs[0])["threads"]!.GetValue<int>());

        SweepRunner.Run(sweep, store, (context, token) => SweepTraining.Train(context, data.Folder, null, null, token, threads: 2));

        var record = store.ReadAll()["a"];
        Assert.Equal(2, SweepTraining.ToRunResult(record).Threads);
        Assert.True(store.MatchesConfig("a", sweep.ConfigFor(sweep.Runs[0])));
        // A later worker without the override (or with another) finds the run done rather than outdated.
        var again = SweepRunner.Run(sweep, store, (_, _) => throw new InvalidOperationException("should not train"));
        Assert.Equal(new SweepReport(Total: 1, Completed: 0, AlreadyComplete: 1, ClaimedElsewhere: 0, Failed: 0), again);
    }

    [Fact]
    public void A_threads_override_keeps_the_run_identity_so_checkpoints_resume_under_any_worker()
    {
        using var data = new TempDataset();
        var sweep = SweepDefinition.Load(TinySweep.Write(data, "identity", ("a", 20)));
        var context = new SweepRunContext("a", sweep.ConfigFor(sweep.Runs[0]), Path.Combine(data.Folder, "work"));

        var asGiven = SweepTraining.Resolve(context, data.Folder);
        var overridden = SweepTraining.Resolve(context, data.Folder, threads: 4);

        Assert.Equal(4, overridden.Threads);
        Assert.Equal(TrainerState.IdentityOf(asGiven), TrainerState.IdentityOf(overridden));
    }
}
