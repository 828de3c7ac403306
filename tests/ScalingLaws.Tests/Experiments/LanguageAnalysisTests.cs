using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Experiments.Language;
using ScalingLaws.Fitting;
using ScalingLaws.Sweeps;
using ScalingLaws.Training;
using static ScalingLaws.Tests.Experiments.LanguageRuns;

namespace ScalingLaws.Tests.Experiments;

public class LanguageAnalysisTests
{
    [Fact]
    public void Size_scaling_recovers_the_exponent_of_an_exact_power_law_and_predicts_the_held_out_model()
    {
        (int L, int D)[] shapes = [(1, 12), (1, 24), (2, 32), (2, 48), (2, 64), (3, 96)];
        var runs = shapes.Select(s => Run($"s{s.D}", LanguageGroups.Size, s.L, s.D, Math.Pow(1e9 / N(s.L, s.D), 0.07))).ToArray();
        var size = SizeScaling.Analyse(runs, new BootstrapOptions(Resamples: 100));
        Assert.Equal(0.07, size.AlphaN, 4);
        Assert.Equal(1.0, size.NC / 1e9, 3);
        Assert.True(Math.Abs(size.ExtrapolationErrorPercent) < 1e-3);
        Assert.True(size.Decades > 2);
    }

    [Fact]
    public void Shape_deviation_is_measured_against_the_L_of_N_trend_at_each_runs_own_N()
    {
        (int L, int D)[] shapes = [(1, 12), (1, 24), (2, 32), (2, 48), (2, 64), (3, 96)];
        Func<double, double> law = n => Math.Pow(1e9 / n, 0.07);
        var runs = shapes.Select(s => Run($"s{s.D}", LanguageGroups.Size, s.L, s.D, law(N(s.L, s.D)))).ToList();
        runs.Add(Run("deep", LanguageGroups.Shape, 4, 48, law(N(4, 48)) * 1.05));
        runs.Add(Run("wide", LanguageGroups.Shape, 1, 96, law(N(1, 96)) * 0.98));
        var size = SizeScaling.Analyse(runs, new BootstrapOptions(Resamples: 50));
        var shape = ShapeIndependence.Analyse("non-embedding", runs, r => r.N, N(4, 48), size.Fit);
        Assert.Equal(5.0, shape.Points.Single(p => p.Id == "deep").DeviationPercent, 2);
        Assert.Equal(-2.0, shape.Points.Single(p => p.Id == "wide").DeviationPercent, 2);
        Assert.Contains(shape.Points, p => p.Id == "s64");   // the size run of about the same N joins them
        Assert.Equal(7.0, shape.SpreadPercent, 2);
    }

    [Fact]
    public void The_joint_fit_uses_the_distinct_tokens_each_run_is_expected_to_have_seen()
    {
        var partPass = Run("size", LanguageGroups.Size, 2, 64, 4.0, tokens: 1_500_000);
        var subset = Run("data", LanguageGroups.Data, 2, 64, 4.2, tokens: 1_500_000, datasetTokens: 100_000);
        Assert.Equal(3_000_000 * (1 - Math.Exp(-0.5)), partPass.EffectiveDatasetTokens(3_000_000), 1e-6);
        Assert.Equal(100_000, subset.EffectiveDatasetTokens(3_000_000), 0.05); // 15 passes: all but e^-15 of it
    }

    [Fact]
    public void One_pass_of_random_windows_covers_the_fraction_of_the_text_that_effective_D_assumes()
    {
        // Token i is i, so the targets served say which positions training saw.
        const int length = 20_000, nCtx = 16;
        var split = ScalingLaws.Data.TokenSplit.FromTokens("t", Enumerable.Range(0, length).Select(i => (ushort)i).ToArray(), length);
        var sampler = new ScalingLaws.Data.SequenceSampler(split, nCtx, seed: 5);
        var seen = new HashSet<long>();
        long trained = 0;
        while (trained < length)
        {
            var (input, target) = sampler.Next(25, TorchSharp.torch.CPU);
            using (input)
            using (target)
                foreach (long t in target.data<long>().ToArray()) seen.Add(t);
            trained += 25 * nCtx;
        }
        var run = Run("one-pass", LanguageGroups.Size, 1, 16, 5.0, tokens: trained);
        Assert.Equal(run.EffectiveDatasetTokens(length) / length, (double)seen.Count / length, 0.02);
    }

    [Fact]
    public void A_stored_record_keeps_its_group_budget_and_tags()
    {
        var run = Run("b", LanguageGroups.Budget, 1, 12, 4.5);
        var record = (JsonObject)JsonSerializer.SerializeToNode(run.Result, RunJson.Options)!;
        record[SweepResultStore.RunConfigKey] = new JsonObject { ["group"] = "tune", ["budget_flops"] = 3e11, ["tags"] = new JsonObject { ["lr_multiplier"] = 2.0 } };
        var read = LanguageRun.From(ScalingLaws.Experiments.ExperimentRun.FromRecord("b", record));
        Assert.Equal(LanguageGroups.Tune, read.Group);
        Assert.Equal(3e11, read.BudgetFlops);
        Assert.Equal(run.N, read.N);
        Assert.Equal("2", read.Tag("lr_multiplier"));
        Assert.Null(read.Tag("arm"));
    }

    [Fact]
    public void The_head_counted_size_adds_the_output_heads_parameters_and_the_final_loss_prefers_the_whole_split()
    {
        var sampled = Run("sampled", LanguageGroups.Converged, 2, 64, 3.9);
        var whole = Run("whole", LanguageGroups.Converged, 2, 64, 3.9, wholeSplit: true);

        Assert.Equal(N(2, 64) + 64 * 1024, sampled.HeadParams);
        Assert.True(sampled.TotalParams > sampled.HeadParams);   // the input embedding and position table on top
        Assert.False(sampled.HasFinalEvaluation);
        Assert.True(whole.HasFinalEvaluation);
        Assert.Equal(3.9, whole.FinalLoss);
    }

    [Fact]
    public void Kaplans_data_rule_holds_for_the_training_split_only_below_a_few_thousand_parameters()
    {
        // D >~ 5e3 N^0.74 (Kaplan et al. 2020, eq. 4.4): 3.32M tokens suffice up to N of about 6.5e3.
        Assert.Equal(5e3 * Math.Pow(1e4, 0.74), DataSufficiency.KaplanMinimumTokens(1e4), 1e-6);
        Assert.Equal(6.5e3, DataSufficiency.LargestSufficientN(3_321_241), 200.0);
        Assert.Equal(3_321_241, DataSufficiency.KaplanMinimumTokens(DataSufficiency.LargestSufficientN(3_321_241)), 1e-3);
    }

    [Fact]
    public void Joint_points_carry_both_Ds_and_flag_runs_past_four_passes()
    {
        var onePass = Run("one", LanguageGroups.IsoFlop, 2, 64, 4.0, tokens: 3_000_000);
        var many = Run("many", LanguageGroups.Data, 2, 64, 4.2, tokens: 1_000_000, datasetTokens: 100_000);

        var points = JointPoint.Of([onePass, many], 3_000_000);

        Assert.Equal(3_000_000 * (1 - Math.Exp(-1)), points[0].UniqueTokens, 1e-6);
        Assert.Equal(3_000_000, points[0].TokensTrained);
        Assert.True(points[0].WithinRepetitionLimit);
        Assert.Equal(10, points[1].Passes, 9);
        Assert.False(points[1].WithinRepetitionLimit);
        Assert.Equal(100_000 * (1 - Math.Exp(-10)), points[1].UniqueTokens, 1e-6);
        var kaplan = JointPoint.Kaplan(points);
        var chinchilla = JointPoint.Chinchilla(points, p => p.TotalParams);
        Assert.Equal(points[1].UniqueTokens, kaplan.X2[1]);
        Assert.Equal(1_000_000, chinchilla.X2[1]);
        Assert.Equal(onePass.TotalParams, chinchilla.X[0]);
    }

    [Fact]
    public void Transfer_reports_a_slope_below_one_as_a_growing_offset_not_a_constant_one()
    {
        // Moby-Dick loss = 2 + 0.6 x validation loss: as validation loss falls, the gap widens.
        double[] val = [4.6, 4.2, 3.9, 3.6, 3.3];
        var runs = val.Select((v, i) => Run($"r{i}", LanguageGroups.Converged, 1 + i, 16 * (i + 1), v, transferLoss: 2 + 0.6 * v)).ToArray();

        var transfer = Transfer.Analyse(runs, new BootstrapOptions(Resamples: 100));

        Assert.Equal(0.6, transfer.Slope, 9);
        Assert.Equal(2 + 0.6 * 4.6 - 4.6, transfer.OffsetOfWeakest, 9);
        Assert.Equal(2 + 0.6 * 3.3 - 3.3, transfer.OffsetOfBest, 9);
        Assert.True(transfer.OffsetOfBest > transfer.OffsetOfWeakest);
        Assert.False(transfer.ConstantOffsetConsistent);
    }

    [Fact]
    public void Transfer_with_a_constant_offset_has_slope_one()
    {
        double[] val = [4.6, 4.2, 3.9, 3.6];
        var runs = val.Select((v, i) => Run($"r{i}", LanguageGroups.Converged, 1 + i, 16 * (i + 1), v, transferLoss: v + 0.7)).ToArray();

        var transfer = Transfer.Analyse(runs, new BootstrapOptions(Resamples: 100));

        Assert.Equal(1.0, transfer.Slope, 9);
        Assert.True(transfer.ConstantOffsetConsistent);
        Assert.Equal(0.7, transfer.OffsetOfBest, 9);
    }

    [Fact]
    public void Shape_at_matched_total_parameters_compares_runs_of_about_the_same_total_count()
    {
        (int L, int D)[] shapes = [(1, 12), (1, 24), (2, 32), (2, 48), (2, 64), (3, 96)];
        var size = shapes.Select(s => Run($"s{s.D}", LanguageGroups.Size, s.L, s.D, 10 / Math.Pow(Run("p", "", s.L, s.D, 1).TotalParams, 0.1))).ToList();
        var trend = ScalingLawFitter.Fit(new PowerLaw(), new FitData(size.Select(r => r.TotalParams).ToArray(), size.Select(r => r.FinalLoss).ToArray()));
        // L8-d40 has about the total parameters of L2-d64 (far more of them outside the embedding); it does 3% worse.
        var deep = Run("deep", LanguageGroups.Shape, 8, 40, 1.03 * 10 / Math.Pow(Run("p", "", 8, 40, 1).TotalParams, 0.1));
        double target = Run("p", "", 2, 64, 1).TotalParams;

        var shape = ShapeIndependence.Analyse("total", size.Append(deep), r => r.TotalParams, target, trend, tolerance: 0.1);

        Assert.Equal(["deep", "s64"], shape.Points.Select(p => p.Id).Order());
        Assert.Equal(3.0, shape.SpreadPercent, 3);
        Assert.Equal("total", shape.Count);
    }

    [Fact]
    public void Shape_independence_with_a_single_aspect_ratio_is_not_reported_as_zero_spread()
    {
        (int L, int D)[] shapes = [(1, 12), (1, 24), (2, 32), (2, 48)];
        var runs = shapes.Select(s => Run($"s{s.D}", LanguageGroups.Size, s.L, s.D, Math.Pow(1e9 / N(s.L, s.D), 0.07))).ToList();
        runs.Add(Run("lonely", LanguageGroups.Shape, 1, 192, 3.0));
        var size = SizeScaling.Analyse(runs, new BootstrapOptions(Resamples: 20));
        var error = Assert.Throws<InvalidOperationException>(() => ShapeIndependence.Analyse("non-embedding", runs, r => r.N, N(1, 192), size.Fit));
        Assert.Contains("two or more aspect ratios", error.Message);
    }
}
