using ScalingLaws.Data;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Training;

public class RunIdentityAndBestLossTests
{
    [Fact]
    public void Resuming_with_other_optimiser_settings_is_refused()
    {
        using var data = new TempDataset();
        string checkpoints = Path.Combine(data.Folder, "ckpt");
        Trainer.Run(data.TinyRun(steps: 10, checkpointDir: checkpoints));
        var error = Assert.Throws<ArgumentException>(() => Trainer.Run(data.TinyRun(steps: 10, checkpointDir: checkpoints) with { WeightDecay = 0.5 }));
        Assert.Contains("other settings", error.Message);
        // Where it writes and how it reports do not change the run: resuming with another progress interval is fine.
        var same = Trainer.Run(data.TinyRun(steps: 10, checkpointDir: checkpoints) with { ProgressIntervalSeconds = 5 });
        Assert.Equal(10, same.Steps);
    }

    [Fact]
    public void The_recorded_best_loss_is_the_true_minimum_even_with_a_large_min_delta()
    {
        using var data = new TempDataset();
        // min_delta larger than any gain: the patience reference never moves, but the best loss must still be reported.
        var result = Trainer.Run(data.TinyRun(steps: 30) with { EarlyStoppingMinDelta = 100 });
        Assert.Equal(result.LearningCurve.Min(p => p.ValLoss), result.BestValLoss!.Value, 12);
        Assert.True(result.BestValLoss < result.LearningCurve[0].ValLoss);
    }

    [Fact]
    public void Evaluation_windows_stay_inside_a_dataset_token_limit()
    {
        using var split = TokenSplit.FromTokens("t", new ushort[10_000], vocabSize: 2);
        var starts = EvaluationWindows.Starts(split, nCtx: 16, maxSequences: 64, tokenLimit: 500);
        Assert.NotEmpty(starts);
        Assert.All(starts, s => Assert.True(s + 17 <= 500));
    }

    [Fact]
    public void Resuming_from_an_older_checkpoint_sets_the_abandoned_newer_ones_aside()
    {
        using var data = new TempDataset();
        string checkpoints = Path.Combine(data.Folder, "ckpt");
        var config = data.TinyRun(steps: 30, checkpointDir: checkpoints) with { CheckpointEverySteps = 10 };
        Trainer.Run(config);
        string step20 = Checkpoint.List(checkpoints).Single(f => f.EndsWith("ckpt-0000000020.bin", StringComparison.Ordinal));

        Trainer.Run(config with { ResumeFrom = step20, CheckpointEverySteps = 5 });
        Assert.True(File.Exists(Path.Combine(checkpoints, "ckpt-0000000030.bin.abandoned")));
        Assert.Equal(["ckpt-0000000030.bin", "ckpt-0000000025.bin"], Checkpoint.List(checkpoints).Select(Path.GetFileName));
    }

    [Fact]
    public void An_early_stopped_run_run_again_returns_the_same_result_without_training_further()
    {
        using var data = new TempDataset();
        var config = data.TinyRun(steps: 50, checkpointDir: Path.Combine(data.Folder, "ckpt")) with
        {
            EvalEverySteps = 2,
            EvalPointsPerDecade = 0,
            EarlyStoppingPatience = 2,
            EarlyStoppingMinDelta = 100,
        };
        var first = Trainer.Run(config);
        var again = Trainer.Run(config);
        Assert.Equal(RunStatus.EarlyStopped, first.Status);
        Assert.Equal(RunStatus.EarlyStopped, again.Status);
        Assert.Equal(first.Steps, again.Steps);
        Assert.Equal(first.FinalValLoss, again.FinalValLoss);
    }

    [Fact]
    public void A_run_records_the_commit_its_code_was_built_from()
    {
        using var data = new TempDataset();
        var result = Trainer.Run(data.TinyRun(steps: 2));
        Assert.Equal(GitCommit.OfRunningCode(Environment.CurrentDirectory), result.GitCommit);
        // Built from a git checkout, the SDK stamps the commit: the record carries it and the version shows it.
        Assert.Matches("^[0-9a-f]{40}$", result.GitCommit!);
        Assert.EndsWith("+" + result.GitCommit, result.LibraryVersion);
    }
}
