using ScalingLaws.Fitting;

namespace ScalingLaws.Tests.Fitting;

public class BootstrapDesignTests
{
    [Fact]
    public void Points_draw_exactly_as_the_fitters_did_before_the_engine_was_merged()
    {
        // Law refits, the N_opt(C) line and the information estimates each drew counts[rng.Next(n)]++ per point from
        // SeedSequence.For(seed, r); drawing the same way keeps every interval they reported.
        const int n = 13, seed = 7;
        var design = BootstrapDesign.Points(n);
        for (int r = 0; r < 50; r++)
        {
            var rng = SeedSequence.For(seed, r);
            var expected = new double[n];
            for (int i = 0; i < n; i++) expected[rng.Next(n)] += 1;
            Assert.Equal(expected, design.Counts(seed, r));
        }
    }

    [Fact]
    public void Clusters_move_together_and_keep_the_number_of_units()
    {
        int[] run = [2, 2, 2, 0, 0, 1, 1, 1, 1];
        var design = BootstrapDesign.Clusters(run);
        Assert.Equal(3, design.UnitCount);
        for (int r = 0; r < 100; r++)
        {
            var counts = design.Counts(seed: 1, r);
            foreach (var members in run.Select((c, i) => (c, i)).GroupBy(p => p.c))
                Assert.Single(members.Select(p => counts[p.i]).Distinct());
            // Three runs drawn, each counted once per draw: the total is the points of the runs drawn.
            double runsDrawn = counts[0] + counts[3] + counts[5];
            Assert.Equal(3, runsDrawn);
        }
    }

    [Fact]
    public void Strata_are_resampled_within_themselves()
    {
        int[] stratum = [0, 0, 0, 1, 1];
        var design = BootstrapDesign.Stratified(stratum);
        var seen = new HashSet<string>();
        for (int r = 0; r < 200; r++)
        {
            var counts = design.Counts(seed: 3, r);
            Assert.Equal(3, counts[0] + counts[1] + counts[2]);
            Assert.Equal(2, counts[3] + counts[4]);
            seen.Add(string.Join(",", counts));
        }
        Assert.True(seen.Count > 10, "the resamples should vary");
    }

    [Fact]
    public void Stratified_clusters_draw_whole_clusters_within_each_stratum()
    {
        int[] stratum = [0, 0, 0, 0, 1, 1];
        int[] cluster = [5, 5, 6, 6, 7, 8];
        var design = BootstrapDesign.Stratified(stratum, cluster);
        Assert.Equal(4, design.UnitCount);
        for (int r = 0; r < 50; r++)
        {
            var counts = design.Counts(seed: 2, r);
            Assert.Equal(counts[0], counts[1]);
            Assert.Equal(counts[2], counts[3]);
            Assert.Equal(4, counts[0] + counts[1] + counts[2] + counts[3]);
            Assert.Equal(2, counts[4] + counts[5]);
        }
    }

    [Fact]
    public void Bad_designs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => BootstrapDesign.Points(0));
        Assert.Throws<ArgumentException>(() => BootstrapDesign.Clusters([]));
        Assert.Throws<ArgumentException>(() => BootstrapDesign.Stratified([0, 1], [1]));
    }
}
