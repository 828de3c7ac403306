using System.Text.Json;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Training_lowers_held_out_loss_and_records_the_learning_curve()
    {
        using var data = new TempDataset();
        var result = Trainer.Run(data.TinyRun(steps: 30));
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(30, result.Steps);
        Assert.Equal(30 * 8 * 16, result.Tokens);
        // Evaluations at log-spaced steps (3 per decade: 1, 2, 5, 10, 22) and every 10 steps, and at the end.
        Assert.Equal(new long[] { 1, 2, 5, 10, 20, 22, 30 }, result.LearningCurve.Select(p => p.Step));
        Assert.True(result.FinalValLoss < result.LearningCurve[0].ValLoss - 0.5, $"val loss {result.LearningCurve[0].ValLoss} -> {result.FinalValLoss}");
        Assert.Equal(result.Tokens * result.FlopsPerToken, result.ComputeFlops);
        Assert.Equal(result.LearningCurve[^1].ComputeFlopsWithHead, result.ComputeFlopsWithHead);
        Assert.True(result.ComputeFlopsWithHead > result.ComputeFlops);
        Assert.NotNull(result.FinalTrainLoss);
        Assert.Equal(2 * (12 * 32 * 32 + 13 * 32) + 2 * 32, result.NonEmbeddingParams);
        Assert.Equal("cpu", result.Device, ignoreCase: true);
        Assert.Equal(1, result.Threads);
        Assert.True(result.TokensPerSecond > 0);
    }

    [Fact]
    public void Trains_on_an_in_memory_dataset_with_a_loss_mask_like_the_file_one()
    {
        using var files = new TempDataset();
        var train = TempDataset.Pattern(20_000, 16, seed: 1);
        var val = TempDataset.Pattern(4_000, 16, seed: 2);
        using var memory = new ScalingLaws.Data.TokenDataset(
            ScalingLaws.Data.TokenSplit.FromTokens("train", train, 16), ScalingLaws.Data.TokenSplit.FromTokens("val", val, 16), 16);
        var config = files.TinyRun(steps: 8);
        double? fromFiles = Trainer.Run(config).FinalValLoss; // deterministic: one run serves both comparisons
        Assert.Equal(fromFiles, Trainer.Run(config, memory).FinalValLoss);

        // Training only on every other target changes the run (the loss mask reaches the gradients).
        var mask = Enumerable.Range(0, train.Length).Select(i => i % 2 == 0).ToArray();
        using var masked = new ScalingLaws.Data.TokenDataset(
            ScalingLaws.Data.TokenSplit.FromTokens("train", train, 16, mask), ScalingLaws.Data.TokenSplit.FromTokens("val", val, 16), 16);
        Assert.NotEqual(fromFiles, Trainer.Run(config, masked).FinalValLoss);
    }

    [Fact]
    public void Same_seed_gives_the_same_run_and_another_seed_does_not()
    {
        using var data = new TempDataset();
        var a = Trainer.Run(data.TinyRun(steps: 10));
        var b = Trainer.Run(data.TinyRun(steps: 10));
        var c = Trainer.Run(data.TinyRun(steps: 10) with { Seed = 8 });
        Assert.Equal(a.FinalValLoss, b.FinalValLoss);
        Assert.NotEqual(a.FinalValLoss, c.FinalValLoss);
    }

    [Fact]
    public void Gradient_noise_scale_is_measured_with_micro_batches()
    {
        using var data = new TempDataset();
        var result = Trainer.Run(data.TinyRun(steps: 20) with { BatchTokens = 16 * 16, MicroBatchSequences = 4 });
        Assert.Equal(16, result.Config.SequencesPerStep);
        Assert.NotNull(result.GradientNoiseScale);
        Assert.True(result.GradientNoiseScale > 0);
        Assert.All(result.LearningCurve, p => Assert.NotNull(p.GradientNoiseScale));
    }

    [Fact]
    public void A_huge_learning_rate_is_recorded_as_diverged_not_thrown()
    {
        using var data = new TempDataset();
        var config = data.TinyRun(steps: 30) with { Schedule = new LearningRateSchedule(ScheduleKind.Constant, 1e30), GradClip = 0 };
        var result = Trainer.Run(config);
        Assert.Equal(RunStatus.Diverged, result.Status);
        Assert.True(result.Steps < 30);
        Assert.Null(result.FinalValLoss);
        Assert.Contains(result.Notes, n => n.Contains("Diverged"));
    }

    [Fact]
    public void Early_stopping_ends_the_run_when_held_out_loss_stops_improving()
    {
        using var data = new TempDataset();
        var config = data.TinyRun(steps: 30) with
        {
            EvalEverySteps = 2,
            EvalPointsPerDecade = 0,
            EarlyStoppingPatience = 2,
            EarlyStoppingMinDelta = 100,
        };
        var result = Trainer.Run(config);
        Assert.Equal(RunStatus.EarlyStopped, result.Status);
        Assert.Equal(6, result.Steps);  // evals at 2 (best), 4 and 6 (no improvement of 100 nats)
        Assert.NotNull(result.BestValLoss);
    }

    [Fact]
    public void Result_record_serialises_with_snake_case_keys_and_round_trips()
    {
        using var data = new TempDataset();
        var result = Trainer.Run(data.TinyRun(steps: 3));
        string path = Path.Combine(data.Folder, "run.json");
        result.Save(path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("non_embedding_params").GetInt64() > 0);
        Assert.Equal(16, root.GetProperty("config").GetProperty("model").GetProperty("n_ctx").GetInt32());
        Assert.True(root.GetProperty("learning_curve")[0].TryGetProperty("val_loss", out _));
        Assert.True(root.GetProperty("machine").GetProperty("cpu_count").GetInt32() > 0);
        var back = RunResult.Load(path);
        Assert.Equal(result.FinalValLoss, back.FinalValLoss);
        Assert.Equal(result.Config, back.Config with { Schedule = result.Config.Schedule });
        Assert.Equal(result.LearningCurve, back.LearningCurve);
    }
}
