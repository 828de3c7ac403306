using ScalingLaws.Experiments.Language;
using ScalingLaws.Fitting;
using ScalingLaws.Tests.Fitting;
using static ScalingLaws.Tests.Experiments.LanguageRuns;

namespace ScalingLaws.Tests.Experiments;

public class OptimalAllocationTests
{
    // Fine enough in every count (about 1.4x apart) that the parabola's vertex sits close to the true optimum.
    private static readonly (int L, int D)[] Ladder =
        [(1, 4), (1, 6), (1, 8), (1, 12), (1, 16), (1, 24), (1, 32), (2, 40), (2, 48), (2, 64), (3, 80), (3, 96), (4, 128), (4, 160), (5, 192), (6, 256)];

    /// <summary>
    /// IsoFLOP runs where Chinchilla's law L = E + A/N^a + B/D^b holds exactly in <paramref name="count"/>'s N, each budget
    /// iso in that convention's compute (D = C / FLOPs per token), at every size of the ladder.
    /// </summary>
    private static List<LanguageRun> World(ComputeConvention count, IEnumerable<double> budgets, double alpha = 0.3, double beta = 0.3)
    {
        var runs = new List<LanguageRun>();
        foreach (double c in budgets)
            foreach (var (l, d) in Ladder)
            {
                var probe = Run("probe", "", l, d, 1);
                double n = count.Params(probe), tokens = c / count.FlopsPerToken(probe);
                if (tokens < 1) continue;
                double loss = 1.5 + 50 / Math.Pow(n, alpha) + 50 / Math.Pow(tokens, beta);
                runs.Add(Run($"c{c:G3}-L{l}-d{d}", LanguageGroups.IsoFlop, l, d, loss, tokens: (long)tokens, budget: c));
            }
        return runs;
    }

    private static readonly BootstrapOptions Options = new(Resamples: 200, Seed: 3);

    [Fact]
    public void With_Chinchillas_law_exact_in_total_parameters_the_total_convention_recovers_beta_over_alpha_plus_beta()
    {
        // With A = B and alpha = beta, N_opt = (C/6)^0.5 exactly: the optima span N_total = 2.6e4 to 4.2e5.
        var runs = World(ComputeConvention.Total, SyntheticData.LogSpaced(4e9, 1e12, 5));

        var total = OptimalAllocation.Fit(ComputeConvention.Total, OptimalAllocation.IsoFlop(runs, ComputeConvention.Total), double.NaN, Options);

        Assert.Equal(5, total.Points.Count);
        Assert.Equal(0.5, total.Exponent, 0.03);
        Assert.Equal(0.5, total.Tokens!.Exponent, 0.03);
        Assert.True(total.Params!.ExponentInterval.Contains(total.Exponent));
    }

    [Fact]
    public void The_same_minima_counted_without_embeddings_give_the_exponent_the_ladder_implies_well_above_the_total_one()
    {
        // Pearce and Song 2024: where embeddings are most of a small model, N_non-embedding grows much faster along the
        // optimum than N_total, and so does its exponent against C = 6 N_non-embedding D. The exponent the counting implies
        // follows from the exact optimum N_total = (C/6)^0.5, mapped to N_non-embedding along the ladder (log-log
        // interpolation between its sizes) with D = C / (6 N_total) and C_non-embedding = 6 N_non-embedding D.
        double[] budgets = SyntheticData.LogSpaced(4e9, 1e12, 5);
        var runs = World(ComputeConvention.Total, budgets);
        var probes = Ladder.Select(s => Run("p", "", s.L, s.D, 1)).ToArray();
        double[] logTotal = probes.Select(r => Math.Log(r.TotalParams)).ToArray(), logNon = probes.Select(r => Math.Log(r.N)).ToArray();
        var exact = budgets.Select(c =>
        {
            double total = Math.Sqrt(c / 6), tokens = c / (6 * total);
            int lo = Array.FindLastIndex(logTotal, v => v <= Math.Log(total));
            double non = Math.Exp(logNon[lo] + (logNon[lo + 1] - logNon[lo]) * (Math.Log(total) - logTotal[lo]) / (logTotal[lo + 1] - logTotal[lo]));
            return (Compute: 6 * non * tokens, Params: non);
        }).ToArray();
        double implied = WeightedLine.Fit(exact.Select(e => Math.Log(e.Compute)).ToArray(), exact.Select(e => Math.Log(e.Params)).ToArray()).Slope;

        var total = OptimalAllocation.Fit(ComputeConvention.Total, OptimalAllocation.IsoFlop(runs, ComputeConvention.Total), double.NaN, Options);
        var nonEmbedding = OptimalAllocation.Fit(ComputeConvention.NonEmbedding, OptimalAllocation.IsoFlop(runs, ComputeConvention.NonEmbedding), double.NaN, Options);

        Assert.Equal(implied, nonEmbedding.Exponent, 0.03);
        Assert.True(nonEmbedding.Exponent > total.Exponent + 0.1, $"non-embedding {nonEmbedding.Exponent:F3} against total {total.Exponent:F3}");
    }

    [Fact]
    public void With_the_law_exact_in_non_embedding_parameters_the_non_embedding_convention_recovers_it()
    {
        var runs = World(ComputeConvention.NonEmbedding, SyntheticData.LogSpaced(1e8, 3e11, 5), alpha: 0.2, beta: 0.3);

        var nonEmbedding = OptimalAllocation.Fit(ComputeConvention.NonEmbedding, OptimalAllocation.IsoFlop(runs, ComputeConvention.NonEmbedding), double.NaN, Options);

        Assert.Equal(0.3 / 0.5, nonEmbedding.Exponent, 0.03);
    }

    [Fact]
    public void Seed_noise_widens_the_interval_and_the_estimate_itself_is_the_noiseless_one()
    {
        var runs = World(ComputeConvention.Total, SyntheticData.LogSpaced(4e9, 1e12, 5));
        var frontier = OptimalAllocation.IsoFlop(runs, ComputeConvention.Total);

        var quiet = OptimalAllocation.Fit(ComputeConvention.Total, frontier, 0.0, Options);
        var noisy = OptimalAllocation.Fit(ComputeConvention.Total, frontier, 0.02, Options);
        var again = OptimalAllocation.Fit(ComputeConvention.Total, frontier, 0.02, Options);

        Assert.Equal(quiet.Exponent, noisy.Exponent, 12);
        static double Width(OptimalAllocation a) => a.Params!.ExponentInterval.Upper - a.Params.ExponentInterval.Lower;
        Assert.True(Width(noisy) > Width(quiet), $"{Width(noisy)} against {Width(quiet)}");
        Assert.Equal(noisy.Params!.ExponentInterval, again.Params!.ExponentInterval);   // seeded: the same every time
    }

    [Fact]
    public void Fewer_than_three_counted_budgets_give_no_law()
    {
        var runs = World(ComputeConvention.Total, [4e9, 1e12]);

        var allocation = OptimalAllocation.Fit(ComputeConvention.Total, OptimalAllocation.IsoFlop(runs, ComputeConvention.Total), double.NaN, Options);

        Assert.Equal(2, allocation.Points.Count);
        Assert.Null(allocation.Params);
        Assert.True(double.IsNaN(allocation.Exponent));
    }
}
