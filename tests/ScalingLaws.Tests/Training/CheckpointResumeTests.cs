using System.Text.Json;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Training;

public class CheckpointResumeTests
{
    [Fact]
    public void A_run_killed_midway_and_resumed_ends_with_the_uninterrupted_val_loss()
    {
        using var data = new TempDataset();
        string checkpoints = Path.Combine(data.Folder, "ckpt");
        var config = data.TinyRun(steps: 600, checkpointDir: checkpoints) with { BatchSequences = 4, CheckpointEverySteps = 10, EvalEverySteps = 100, EvalPointsPerDecade = 2 };
        string configPath = Path.Combine(data.Folder, "run.json");
        File.WriteAllText(configPath, JsonSerializer.Serialize(config, RunJson.Options));
        string resultPath = Path.Combine(data.Folder, "result.json");

        // A real `scaling train` process, killed (SIGKILL) once its first checkpoint is on disk.
        ScalingProcess.KillWhen(() => Checkpoint.List(checkpoints).Count > 0, TimeSpan.FromSeconds(60),
            "train", "--config", configPath, "--out", resultPath, "--plain");
        Assert.False(File.Exists(resultPath), "the child finished before the kill");
        string newest = Checkpoint.List(checkpoints)[0];
        Assert.DoesNotContain("0000000600", newest);

        var resumed = Trainer.Run(config);
        Assert.Contains(resumed.Notes, n => n.StartsWith("Resumed from"));
        Assert.DoesNotContain(resumed.Notes, n => n.Contains("from scratch"));
        var uninterrupted = Trainer.Run(config with { CheckpointDir = null });
        Assert.Equal(600, resumed.Steps);
        double relative = Math.Abs(resumed.FinalValLoss!.Value - uninterrupted.FinalValLoss!.Value) / uninterrupted.FinalValLoss.Value;
        Assert.True(relative < 1e-5, $"resumed {resumed.FinalValLoss} vs uninterrupted {uninterrupted.FinalValLoss}");
        Assert.Equal(uninterrupted.LearningCurve.Select(p => p.Step), resumed.LearningCurve.Select(p => p.Step));
    }

    [Fact]
    public void A_corrupt_newest_checkpoint_falls_back_to_the_previous_one()
    {
        using var data = new TempDataset();
        string checkpoints = Path.Combine(data.Folder, "ckpt");
        var config = data.TinyRun(steps: 20, checkpointDir: checkpoints) with { CheckpointEverySteps = 5 };
        var full = Trainer.Run(config);
        var kept = Checkpoint.List(checkpoints);
        Assert.Equal(Checkpoint.Keep, kept.Count);   // steps 20 and 15; older ones pruned
        Assert.EndsWith("ckpt-0000000020.bin", kept[0]);

        // Damage the newest (step 20): the run resumes from step 15 and trains the last 5 steps again.
        var bytes = File.ReadAllBytes(kept[0]);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(kept[0], bytes);
        var resumed = Trainer.Run(config);
        Assert.Contains(resumed.Notes, n => n.Contains("corrupt") && n.Contains("Falling back"));
        Assert.Contains(resumed.Notes, n => n.Contains("ckpt-0000000015.bin"));
        Assert.DoesNotContain(resumed.Notes, n => n.Contains("from scratch"));
        Assert.Equal(full.FinalValLoss!.Value, resumed.FinalValLoss!.Value, 5);
    }

    [Fact]
    public void Only_corrupt_checkpoints_means_a_fresh_start_with_a_note()
    {
        using var data = new TempDataset();
        string checkpoints = Path.Combine(data.Folder, "ckpt");
        Directory.CreateDirectory(checkpoints);
        File.WriteAllBytes(Path.Combine(checkpoints, "ckpt-0000000005.bin"), new byte[100]);
        var result = Trainer.Run(data.TinyRun(steps: 5, checkpointDir: checkpoints));
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Contains(result.Notes, n => n.Contains("starting from scratch"));
    }

    [Fact]
    public void Resuming_with_another_schedule_or_length_is_an_error_not_a_silent_mix()
    {
        using var data = new TempDataset();
        string checkpoints = Path.Combine(data.Folder, "ckpt");
        var config = data.TinyRun(steps: 5, checkpointDir: checkpoints);
        Trainer.Run(config);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Run(config with { MaxSteps = 50 }));
        Assert.Contains("another run", e.Message);
        Assert.Throws<ArgumentException>(() => Trainer.Run(config with { Schedule = new LearningRateSchedule(ScheduleKind.Constant) }));
        Assert.Throws<ArgumentException>(() => Trainer.Run(config with { Model = config.Model with { DModel = 64 } }));
    }

    [Fact]
    public void Resume_from_a_corrupt_checkpoint_file_is_an_error()
    {
        using var data = new TempDataset();
        string bad = Path.Combine(data.Folder, "bad.bin");
        File.WriteAllBytes(bad, new byte[100]);
        var e = Assert.Throws<InvalidDataException>(() => Trainer.Run(data.TinyRun() with { ResumeFrom = bad }));
        Assert.Contains("corrupt", e.Message);
    }
}
