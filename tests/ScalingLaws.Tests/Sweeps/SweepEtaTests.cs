using ScalingLaws.Sweeps;

namespace ScalingLaws.Tests.Sweeps;

public class SweepEtaTests
{
    [Fact]
    public void Time_left_is_the_remaining_planned_flops_at_the_rate_measured_on_runs_trained_here()
    {
        var eta = new SweepEta(new Dictionary<string, double> { ["a"] = 1e12, ["b"] = 2e12, ["c"] = 4e12, ["d"] = 8e12 }, ["a"]);
        Assert.Null(eta.Remaining);                          // no rate yet
        Assert.Equal(1 - 14.0 / 15, eta.FractionDone, 12);

        eta.Trained("b", seconds: 20);                        // 1e11 FLOP/s
        Assert.Equal(12e12, eta.RemainingFlops);
        Assert.Equal(120, eta.Remaining!.Value.TotalSeconds, 6);

        eta.MarkDone("c");                                    // finished by another worker: off the list, not in the rate
        Assert.Equal(80, eta.Remaining!.Value.TotalSeconds, 6);
        eta.Trained("d", seconds: 60);                        // 10e12 in 80 s overall
        Assert.Equal(0, eta.Remaining!.Value.TotalSeconds);
        Assert.Equal(1.0, eta.FractionDone, 12);
    }

    [Fact]
    public void Planned_flops_follow_the_run_length_and_the_model()
    {
        var sweep = SweepDefinition.Load(RepoRoot.Path("notebooks", "sweeps", "language-full.json"));
        var small = sweep.Runs.Single(r => r.Id == "budget-3e13-L3-d96");
        var large = sweep.Runs.Single(r => r.Id == "budget-3e13-L6-d256");
        // IsoFLOP runs are sized to their budget (head counted): the plan matches it to within a step's rounding.
        Assert.Equal(3e13, SweepTraining.PlannedFlops(sweep, small), 3e13 * 0.01);
        Assert.Equal(3e13, SweepTraining.PlannedFlops(sweep, large), 3e13 * 0.01);
    }
}
