using ScalingLaws.Experiments.Language;
using ScalingLaws.Fitting;
using ScalingLaws.Reference;
using static ScalingLaws.Tests.Experiments.LanguageRuns;

namespace ScalingLaws.Tests.Experiments;

public class PorianStepsTests
{
    [Fact]
    public void The_five_steps_come_in_Porians_order_beside_their_published_exponents()
    {
        var steps = PorianSteps.Analyse([], double.NaN, new BootstrapOptions(Resamples: 10));

        Assert.Equal([1, 2, 3, 4, 5], steps.Select(s => s.Number));
        Assert.Equal(PublishedConstants.Porian2024["refinedweb.kaplan_reproduction"], steps[0].PublishedRefinedWeb);
        Assert.Equal(PublishedConstants.Porian2024["openwebtext2.tuned"], steps[4].PublishedOpenWebText2);
        Assert.Same(ComputeConvention.Kaplan, steps[0].Allocation.Convention);
        Assert.All(steps.Skip(1), s => Assert.Same(ComputeConvention.HeadCounted, s.Allocation.Convention));
        Assert.All(steps, s => Assert.False(s.Enough));   // no runs: no budgets
    }

    [Fact]
    public void A_step_is_measured_from_its_own_group_only_and_needs_four_budgets()
    {
        // Tuned IsoFLOP runs at five budgets with an interior minimum each; nothing else.
        (int L, int D)[] ladder = [(1, 8), (1, 16), (1, 32), (2, 48), (3, 64), (3, 96)];
        var runs = new List<LanguageRun>();
        foreach (var (c, k) in new[] { 1e11, 3e11, 1e12, 3e12, 1e13 }.Select((c, k) => (c, k)))
            for (int i = 0; i < ladder.Length; i++)
                runs.Add(Run($"c{k}-{i}", LanguageGroups.IsoFlop, ladder[i].L, ladder[i].D, 3 + 0.05 * Math.Pow(i - 1.2 - 0.6 * k, 2),
                    tokens: (long)(c / 1e6), budget: c));

        var steps = PorianSteps.Analyse(runs, double.NaN, new BootstrapOptions(Resamples: 20));

        Assert.All(steps.Take(4), s => Assert.Equal(0, s.Budgets));
        Assert.Equal(5, steps[4].Budgets);
        Assert.True(steps[4].Enough);
        Assert.True(steps[4].Allocation.Exponent > 0);
    }
}
