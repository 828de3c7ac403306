using ScalingLaws.Experiments.Language;
using static ScalingLaws.Tests.Experiments.LanguageRuns;

namespace ScalingLaws.Tests.Experiments;

public class IsoFlopProfilesTests
{
    private static readonly (int L, int D)[] Ladder = [(1, 8), (1, 16), (1, 32), (2, 48), (3, 64), (3, 96)];

    /// <summary>One budget's runs: loss(size index, seed) for each size of <see cref="Ladder"/>, seeds 1 and (where given) 2.</summary>
    private static List<LanguageRun> Budget(double budget, Func<int, double> loss, IReadOnlyDictionary<int, double>? secondSeed = null)
    {
        var runs = new List<LanguageRun>();
        for (int i = 0; i < Ladder.Length; i++)
        {
            var (l, d) = Ladder[i];
            runs.Add(Run($"b{budget:G2}-{i}", LanguageGroups.IsoFlop, l, d, loss(i), budget: budget, seed: 1));
            if (secondSeed?.TryGetValue(i, out double other) == true)
                runs.Add(Run($"b{budget:G2}-{i}-s2", LanguageGroups.IsoFlop, l, d, other, budget: budget, seed: 2));
        }
        return runs;
    }

    [Fact]
    public void An_interior_minimum_is_the_vertex_of_the_profile_in_log_N()
    {
        // Loss a parabola in ln N_head with its minimum at the head-counted size of L2-d48 (index 3).
        double centre = Math.Log(Run("c", "", 2, 48, 0).HeadParams);
        var runs = Budget(1e12, i => 3 + 0.05 * Math.Pow(Math.Log(Run("x", "", Ladder[i].L, Ladder[i].D, 0).HeadParams) - centre, 2));

        var profile = Assert.Single(IsoFlopProfiles.Find(runs));

        Assert.Equal(ProfileVerdict.Interior, profile.Verdict);
        Assert.Equal(3, profile.Best);
        Assert.Equal(Math.Exp(centre), profile.Minimum!.Params(ComputeConvention.HeadCounted), Math.Exp(centre) * 0.01);
        Assert.Equal(3.0, profile.Minimum.Loss, 6);
        Assert.False(profile.SeparationChecked);
    }

    [Fact]
    public void A_minimum_at_the_smallest_or_largest_size_does_not_count()
    {
        var falling = Budget(1e12, i => 5 - 0.1 * i);
        var rising = Budget(2e12, i => 4 + 0.1 * i);

        var profiles = IsoFlopProfiles.Find(falling.Concat(rising));

        Assert.Equal([ProfileVerdict.EdgeLargest, ProfileVerdict.EdgeSmallest], profiles.Select(p => p.Verdict));
        Assert.All(profiles, p => Assert.False(p.Counts));
        Assert.All(profiles, p => Assert.Null(p.Minimum));
    }

    [Theory]
    [InlineData(0.030, ProfileVerdict.Interior)]      // both neighbours 0.03 worse, twice the spread is 0.02: separated
    [InlineData(0.015, ProfileVerdict.NotSeparated)]  // 0.015 < 0.02: which size is best is within the seed noise
    public void The_best_size_must_beat_both_neighbours_by_more_than_twice_the_seed_spread(double margin, ProfileVerdict expected)
    {
        double[] losses = [3.5, 3.2, 3.0 + margin, 3.0, 3.0 + margin, 3.3];
        // Seed 2 of the three middle sizes differs by 0.012, 0.006 and 0.010: the root mean square spread is 0.01 (to 0.2%),
        // and seed 2 is placed symmetrically so that the means keep the margins.
        var runs = Budget(1e12, i => losses[i] - (i is >= 2 and <= 4 ? new[] { 0.006, 0.003, 0.005 }[i - 2] : 0),
            new Dictionary<int, double> { [2] = losses[2] + 0.006, [3] = losses[3] + 0.003, [4] = losses[4] + 0.005 });

        var profile = Assert.Single(IsoFlopProfiles.Find(runs));

        Assert.Equal(Math.Sqrt((0.012 * 0.012 + 0.006 * 0.006 + 0.010 * 0.010) / 3), profile.SeedSpread, 9);
        Assert.True(profile.SeparationChecked);
        Assert.Equal(expected, profile.Verdict);
        Assert.Equal(expected == ProfileVerdict.Interior, profile.Counts);
        Assert.NotNull(profile.Minimum);   // interpolated either way; only counted when separated
    }

    [Fact]
    public void Seeds_are_averaged_and_a_budget_without_pairs_is_judged_by_the_fallback_spread()
    {
        double[] losses = [3.5, 3.2, 3.02, 3.0, 3.02, 3.3];
        var paired = Budget(1e12, i => losses[i], new Dictionary<int, double> { [3] = 3.1, [1] = 3.2 + 0.02 });
        var unpaired = Budget(2e12, i => losses[i]);

        var profiles = IsoFlopProfiles.Find(paired.Concat(unpaired), fallbackSpread: 0.05);

        // Seed 2 at index 3 lifts its mean to 3.05: index 2 and 4 (3.02) tie for best and the first wins.
        Assert.Equal(3.05, profiles[0].Sizes[3].Loss, 9);
        Assert.Equal(2, profiles[0].Sizes[3].Seeds);
        Assert.Equal(2, profiles[0].Best);
        Assert.Equal(Math.Sqrt((0.1 * 0.1 + 0.02 * 0.02) / 2), profiles[0].SeedSpread, 9);
        Assert.Equal(0.05, profiles[1].SeedSpread, 9);
        Assert.Equal(ProfileVerdict.NotSeparated, profiles[1].Verdict);   // 0.02 margins against 0.1
        Assert.Equal(Math.Sqrt((0.1 * 0.1 + 0.02 * 0.02) / 2), IsoFlopProfiles.PooledSeedSpread(profiles), 9);
    }

    [Fact]
    public void Seed_noise_is_the_root_mean_square_pair_difference_over_root_two()
    {
        var runs = Budget(1e12, i => 3 + i, new Dictionary<int, double> { [1] = 4 + 0.03, [2] = 5 - 0.04 });

        var (sigma, pairs) = IsoFlopProfiles.SeedNoise(runs);

        Assert.Equal(2, pairs);
        Assert.Equal(Math.Sqrt((0.03 * 0.03 + 0.04 * 0.04) / 2 / 2), sigma, 9);
        Assert.True(double.IsNaN(IsoFlopProfiles.SeedNoise(Budget(1e12, i => 3 + i)).Sigma));
    }

    [Fact]
    public void A_lopsided_profile_keeps_its_vertex_between_the_sizes_around_the_minimum()
    {
        // The first edition's 1e12 profile: one size left of the minimum, four rising steeply to the right. A parabola
        // through all six is dragged by the far sizes; the sizes around the minimum put it between the two best.
        double[] losses = [4.143, 4.116, 4.669, 4.976, 5.542, 5.871];
        var profile = Assert.Single(IsoFlopProfiles.Find(Budget(1e12, i => losses[i])));

        double n = profile.Minimum!.Params(ComputeConvention.HeadCounted);
        Assert.InRange(n, Run("a", "", 1, 8, 0).HeadParams, Run("b", "", 1, 32, 0).HeadParams);
    }

    [Fact]
    public void The_minimum_interpolates_every_count_and_the_tokens_between_the_same_two_sizes()
    {
        double[] losses = [3.5, 3.2, 3.0, 3.0, 3.2, 3.5];   // symmetric in index: the vertex lies between sizes 2 and 3
        var runs = Ladder.Select((s, i) => Run($"r{i}", LanguageGroups.IsoFlop, s.L, s.D, losses[i], tokens: 1_000_000 / (i + 1), budget: 1e12)).ToList();

        var m = Assert.Single(IsoFlopProfiles.Find(runs)).Minimum!;

        Assert.Same(runs[2], m.Below);
        Assert.Same(runs[3], m.Above);
        double t = m.Fraction;
        Assert.Equal(Math.Exp((1 - t) * Math.Log(runs[2].TotalParams) + t * Math.Log(runs[3].TotalParams)), m.Params(ComputeConvention.Total), 1e-6);
        Assert.Equal(Math.Exp((1 - t) * Math.Log(1_000_000 / 3) + t * Math.Log(1_000_000 / 4)), m.Tokens, 1e-6);
        Assert.Equal(6 * m.Params(ComputeConvention.Total) * m.Tokens, m.Compute(ComputeConvention.Total), 1e-3);
    }
}
