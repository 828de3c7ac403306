using ScalingLaws.Fitting;
using static ScalingLaws.Tests.Fitting.SyntheticData;

namespace ScalingLaws.Tests.Fitting;

public class ComputeFrontierTests
{
    // Hoffmann et al. 2022's published L(N, D); with C = 6 N D the optimum is
    // N_opt = G (C/6)^(beta/(alpha+beta)), G = (alpha A / (beta B))^(1/(alpha+beta)).
    private const double E = 1.69, A = 406.4, B = 410.7, Alpha = 0.34, Beta = 0.28;

    private static double Loss(double n, double d) => E + A / Math.Pow(n, Alpha) + B / Math.Pow(d, Beta);

    private static double ExactOptimalParams(double flops) =>
        Math.Pow(Alpha * A / (Beta * B), 1 / (Alpha + Beta)) * Math.Pow(flops / 6, Beta / (Alpha + Beta));

    private static LearningCurve[] Curves() => LogSpaced(1e6, 1e10, 25).Select(n =>
    {
        var tokens = LogSpaced(1e7, 1e12, 80);
        return new LearningCurve(n, tokens.Select(d => 6 * n * d).ToArray(), tokens.Select(d => Loss(n, d)).ToArray());
    }).ToArray();

    [Fact]
    public void Frontier_of_chinchilla_curves_recovers_the_compute_optimal_exponents()
    {
        var curves = Curves();
        var frontier = ComputeFrontier.Find(curves, ComputeFrontier.LogSpacedBudgets(curves, 40));
        Assert.True(frontier.Count >= 10, $"only {frontier.Count} interior budgets");
        foreach (var point in frontier)
        {
            Assert.Equal(ExactOptimalParams(point.ComputeFlops), point.NonEmbeddingParams, ExactOptimalParams(point.ComputeFlops) * 0.03);
            Assert.Equal(point.ComputeFlops, 6 * point.NonEmbeddingParams * point.Tokens, point.ComputeFlops * 1e-12);
        }

        var nOpt = ComputeFrontier.FitOptimalParams(frontier, new BootstrapOptions(500, Seed: 3));
        var dOpt = ComputeFrontier.FitOptimalTokens(frontier, new BootstrapOptions(500, Seed: 3));
        Assert.Equal(Beta / (Alpha + Beta), nOpt.Exponent, 2);
        Assert.Equal(Alpha / (Alpha + Beta), dOpt.Exponent, 2);
        Assert.Equal(1, nOpt.Exponent + dOpt.Exponent, 10);
        Assert.True(nOpt.ExponentInterval.Contains(nOpt.Exponent));
        Assert.True(nOpt.ExponentInterval.Upper - nOpt.ExponentInterval.Lower < 0.02);
        double c = frontier[frontier.Count / 2].ComputeFlops;
        Assert.Equal(ExactOptimalParams(c), nOpt.Predict(c), ExactOptimalParams(c) * 0.03);
    }

    [Fact]
    public void Lower_envelope_of_curves_without_irreducible_loss_recovers_the_compute_exponent()
    {
        // With E = 0, min over N of A/N^a + B/D^b at C = 6 N D is K C^(-a b / (a + b)): L(C_min) is an exact power law.
        var curves = LogSpaced(1e6, 1e10, 25).Select(n =>
        {
            var tokens = LogSpaced(1e7, 1e12, 80);
            return new LearningCurve(n, tokens.Select(d => 6 * n * d).ToArray(), tokens.Select(d => Loss(n, d) - E).ToArray());
        }).ToArray();
        var interior = ComputeFrontier.Find(curves, ComputeFrontier.LogSpacedBudgets(curves, 40));
        var budgets = LogSpaced(interior[0].ComputeFlops, interior[^1].ComputeFlops, 30);
        var envelope = ComputeFrontier.Envelope(curves, budgets);

        Assert.Equal(budgets.Length, envelope.Count);
        Assert.All(envelope.Zip(envelope.Skip(1)), pair => Assert.True(pair.Second.LossNatsPerToken <= pair.First.LossNatsPerToken));
        foreach (var point in envelope)
        {
            var reached = curves.Select(c => c.BestLossBy(point.ComputeFlops)).Where(l => !double.IsNaN(l)).ToArray();
            Assert.Equal(reached.Min(), point.LossNatsPerToken);
            Assert.Contains(curves, c => c.NonEmbeddingParams == point.NonEmbeddingParams);
        }
        var fit = ScalingLawFitter.Fit(new PowerLaw(), new FitData(envelope.Select(p => p.ComputeFlops).ToArray(),
            envelope.Select(p => p.LossNatsPerToken).ToArray()));
        Assert.Equal(Alpha * Beta / (Alpha + Beta), fit["alpha"], 0.003);
    }

    [Fact]
    public void Envelope_never_rises_a_finished_run_keeps_its_best_loss_and_edge_budgets_stay()
    {
        // The small run is best while it trains and, finished, until the large one passes its final loss.
        var small = new LearningCurve(1e3, [1e9, 1e10, 1e11], [5.0, 4.0, 3.0]);
        var large = new LearningCurve(1e5, [1e10, 1e12], [6.0, 2.9]);
        var envelope = ComputeFrontier.Envelope([large, small], [1e8, 1e9, 1e11, 5e11, 1e12, 1e13]);

        Assert.Equal([1e9, 1e11, 5e11, 1e12, 1e13], envelope.Select(p => p.ComputeFlops));
        Assert.Equal([1e3, 1e3, 1e3, 1e5, 1e5], envelope.Select(p => p.NonEmbeddingParams));
        Assert.Equal([5.0, 3.0, 3.0, 2.9, 2.9], envelope.Select(p => p.LossNatsPerToken));
        Assert.Equal(1e11 / (6 * 1e3), envelope[2].Tokens, 1e-6); // the finished run used 1e11, not the budget
        Assert.Equal(1e12 / (6 * 1e5), envelope[4].Tokens, 1e-6);
    }

    [Fact]
    public void Best_loss_by_a_budget_is_the_running_minimum_of_the_curve()
    {
        var curve = new LearningCurve(1e6, [1e10, 1e11, 1e12], [4.0, 2.0, 3.0]);
        Assert.True(double.IsNaN(curve.BestLossBy(1e9)));
        Assert.Equal(4.0, curve.BestLossBy(1e10));
        Assert.Equal(2.0, curve.BestLossBy(5e11)); // the curve rose after 1e11; the best so far stands
        Assert.Equal(2.0, curve.BestLossBy(1e14));
    }

    [Fact]
    public void Weighted_allocation_fit_follows_the_heavily_weighted_points()
    {
        // Two regimes: N_opt ~ C^0.5 below 1e20 FLOPs and ~ C^0.8 above; weights pick which the line follows.
        var frontier = LogSpaced(1e16, 1e24, 9).Select(c =>
        {
            double n = c < 1e20 ? 1e-2 * Math.Pow(c, 0.5) : 1e-2 * Math.Pow(1e20, 0.5) * Math.Pow(c / 1e20, 0.8);
            return new FrontierPoint(c, n, c / (6 * n), 2.0);
        }).ToArray();
        var early = frontier.Select(p => p.ComputeFlops <= 1e20 ? 1.0 : 1e-9).ToArray();
        var fit = ComputeFrontier.FitOptimalParams(frontier, new BootstrapOptions(50), early);
        Assert.Equal(0.5, fit.Exponent, 6);
        Assert.Throws<ArgumentException>(() => ComputeFrontier.FitOptimalParams(frontier, weights: [1.0]));
    }

    [Fact]
    public void Budgets_whose_best_size_is_the_smallest_or_largest_trained_are_skipped()
    {
        var curves = Curves();
        var budgets = ComputeFrontier.LogSpacedBudgets(curves, 60);
        var frontier = ComputeFrontier.Find(curves, budgets);
        Assert.True(frontier.Count < budgets.Count);
        Assert.All(frontier, p => Assert.InRange(p.NonEmbeddingParams, 1e6, 1e10));
        // Budgets whose exact optimum lies well below the smallest model trained cannot be on the frontier.
        Assert.DoesNotContain(frontier, p => ExactOptimalParams(p.ComputeFlops) < 0.7e6);
    }

    [Fact]
    public void Learning_curve_interpolates_in_log_log_and_is_silent_outside_its_range()
    {
        var curve = new LearningCurve(1e6, [1e12, 1e14], [4.0, 1.0]);
        Assert.Equal(4.0, curve.LossAt(1e12));
        Assert.Equal(2.0, curve.LossAt(1e13), 12);
        Assert.True(double.IsNaN(curve.LossAt(1e11)));
        Assert.True(double.IsNaN(curve.LossAt(1e15)));
    }

    [Fact]
    public void Bad_curves_and_thin_frontiers_are_clear_errors()
    {
        var unsorted = new LearningCurve(1e6, [1e13, 1e12], [2.0, 3.0]);
        Assert.Contains("sort the curve", Assert.Throws<ArgumentException>(() => ComputeFrontier.Find([unsorted], [1e12])).Message);
        var twoPoints = new[] { new FrontierPoint(1e15, 1e6, 1e8, 3), new FrontierPoint(1e16, 2e6, 1e9, 2.9) };
        Assert.Contains("at least 3", Assert.Throws<ArgumentException>(() => ComputeFrontier.FitOptimalParams(twoPoints)).Message);
    }
}
