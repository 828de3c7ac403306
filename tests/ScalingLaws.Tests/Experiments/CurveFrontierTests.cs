using ScalingLaws.Experiments.Language;
using ScalingLaws.Fitting;
using ScalingLaws.Tests.Fitting;
using static ScalingLaws.Tests.Experiments.LanguageRuns;

namespace ScalingLaws.Tests.Experiments;

public class CurveFrontierTests
{
    private static readonly (int L, int D)[] Ladder = [(1, 8), (1, 12), (1, 16), (1, 24), (1, 32), (2, 40), (2, 48), (2, 64), (3, 80), (3, 96), (4, 128)];

    /// <summary>Learning curves on which the loss after D tokens is E + A/N^a + B/D^b with N the head-counted size.</summary>
    private static List<LanguageRun> Curves(double maxTokens)
    {
        var runs = new List<LanguageRun>();
        foreach (var (l, d) in Ladder)
        {
            double n = Run("probe", "", l, d, 1).HeadParams;
            var curve = Curve(l, d, SyntheticData.LogSpaced(1e3, maxTokens, 60), t => 1.5 + 50 / Math.Pow(n, 0.3) + 50 / Math.Pow(t, 0.3));
            runs.Add(Run($"L{l}-d{d}", LanguageGroups.Converged, l, d, curve[^1].ValLoss, tokens: (long)maxTokens, curve: curve));
        }
        return runs;
    }

    [Fact]
    public void Minima_read_off_learning_curves_recover_the_exponent_of_the_law_behind_them()
    {
        // Every curve runs to 1e9 tokens, so at every budget each size has a loss; the head-counted C is
        // 6 N_head D plus the small attention term, so the optimum follows (C/6)^0.5 closely.
        var runs = Curves(1e9);

        var allocation = OptimalAllocation.Fit(ComputeConvention.HeadCounted, CurveFrontier.Frontier(runs, ComputeConvention.HeadCounted),
            double.NaN, new BootstrapOptions(Resamples: 100, Seed: 1));

        Assert.True(allocation.Points.Count >= 4, $"{allocation.Points.Count} budgets");
        Assert.Equal(0.5, allocation.Exponent, 0.05);
        Assert.All(allocation.Points, p => Assert.InRange(p.ComputeFlops / (p.Params * p.Tokens), 6, 7.5));
    }

    [Fact]
    public void Curves_that_stop_early_leave_out_the_budgets_past_their_end()
    {
        // Curves of only 1e5 tokens: at large budgets only the largest sizes have reached them, and the smallest
        // of those is best, an edge the frontier refuses.
        var runs = Curves(1e5);

        var slots = CurveFrontier.Frontier(runs, ComputeConvention.HeadCounted)(null);
        var counted = slots.Where(p => p is not null).Select(p => p!.ComputeFlops).ToArray();

        Assert.NotEmpty(slots);
        Assert.True(counted.Length < slots.Count);
    }

    [Fact]
    public void A_budget_grid_is_a_factor_of_two_from_the_first_evaluation_to_the_last()
    {
        var curves = Curves(1e6).Select(r => CurveFrontier.Curve(r, ComputeConvention.Kaplan)).ToArray();

        var budgets = CurveFrontier.Budgets(curves);

        Assert.Equal(curves.Min(c => c.ComputeFlops[0]), budgets[0], 1e-6);
        Assert.All(budgets.Zip(budgets.Skip(1)), pair => Assert.Equal(2.0, pair.Second / pair.First, 9));
        Assert.True(budgets[^1] <= curves.Max(c => c.ComputeFlops[^1]));
    }
}
