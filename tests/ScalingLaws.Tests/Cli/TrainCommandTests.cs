using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Cli;

/// <summary>Runs the built `scaling` command as a user would.</summary>
public class TrainCommandTests
{
    [Fact]
    public void Train_writes_the_result_record_and_flags_override_the_config()
    {
        using var data = new TempDataset();
        string config = Path.Combine(data.Folder, "run.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(data.TinyRun(steps: 100), RunJson.Options));
        string output = Path.Combine(data.Folder, "out", "result.json");
        var (code, stdout, stderr) = ScalingProcess.Run("train", "--config", config, "--steps", "12", "--seed", "3", "--out", output, "--plain");
        Assert.True(code == 0, stderr);
        Assert.Contains("val loss", stdout);
        var result = RunResult.Load(output);
        Assert.Equal(12, result.Steps);
        Assert.Equal(3, result.Seed);
        Assert.Equal(RunStatus.Completed, result.Status);
    }

    [Fact]
    public void Train_rejects_bad_input_with_a_message_and_exit_code_2()
    {
        using var data = new TempDataset();
        var (code, _, stderr) = ScalingProcess.Run("train", "--data", data.Folder, "--d-model", "30", "--heads", "4", "--steps", "5");
        Assert.Equal(2, code);
        Assert.Contains("not divisible by n_head", stderr);
        (code, _, stderr) = ScalingProcess.Run("train", "--data", Path.Combine(data.Folder, "missing"), "--steps", "5");
        Assert.Equal(2, code);
        Assert.Contains("Dataset folder not found", stderr);
    }

    [Fact]
    public void An_output_location_that_cannot_be_written_is_refused_before_training()
    {
        // It used to train, then throw a stack trace and lose the finished run.
        using var data = new TempDataset();
        var run = ScalingProcess.Run("train", "--data", data.Folder, "--layers", "1", "--d-model", "16", "--heads", "2", "--ctx", "16",
            "--vocab", "16", "--steps", "3", "--threads", "1", "--out", "/proc/x/y.json", "--plain");
        ScalingProcess.AssertCleanFailure(run, 2, "--out /proc/x/y.json", "Choose a folder you can write to");
        Assert.DoesNotContain("Completed", run.Stdout);
    }

    [Fact]
    public void Misspelt_config_keys_are_refused_naming_the_key_meant()
    {
        // They used to be ignored silently: the run trained with the default learning rate and depth.
        using var data = new TempDataset();
        string config = Path.Combine(data.Folder, "run.json");
        File.WriteAllText(config, """{"data": "DATA", "learning_ratee": 0.01}""".Replace("DATA", data.Folder));
        ScalingProcess.AssertCleanFailure(ScalingProcess.Run("train", "--config", config), 2, "unknown key \"learning_ratee\"", "schedule.peak_learning_rate");
        File.WriteAllText(config, """{"data": "DATA", "model": {"n_layerz": 3}}""".Replace("DATA", data.Folder));
        ScalingProcess.AssertCleanFailure(ScalingProcess.Run("train", "--config", config), 2, "unknown key \"model.n_layerz\"", "did you mean \"model.n_layer\"");
    }

    [Fact]
    public void A_corrupt_checkpoint_to_resume_from_is_bad_input_without_a_stack_trace()
    {
        // It used to print a stack trace and exit 1 (a missing checkpoint already exited 2).
        using var data = new TempDataset();
        string corrupt = Path.Combine(data.Folder, "ckpt-0000000010.bin");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());
        string[] args = ["train", "--data", data.Folder, "--layers", "1", "--d-model", "16", "--heads", "2", "--ctx", "16", "--vocab", "16",
            "--steps", "3", "--threads", "1", "--resume-from", corrupt, "--out", Path.Combine(data.Folder, "r.json"), "--plain"];
        ScalingProcess.AssertCleanFailure(ScalingProcess.Run(args), 2, corrupt, "is corrupt", "start fresh");

        // --verbose adds the stack trace for whoever debugs it.
        var verbose = ScalingProcess.Run([.. args, "--verbose"]);
        Assert.Equal(2, verbose.ExitCode);
        Assert.Contains("   at ScalingLaws.Training.Checkpoint.Load", verbose.Stderr);
    }

    [Fact]
    public void A_diverged_run_says_it_has_no_final_loss_instead_of_printing_a_blank()
    {
        using var data = new TempDataset();
        string output = Path.Combine(data.Folder, "diverged.json");
        var (code, stdout, stderr) = ScalingProcess.Run("train", "--data", data.Folder, "--layers", "1", "--d-model", "16", "--heads", "2", "--ctx", "16",
            "--vocab", "16", "--steps", "30", "--lr", "1e6", "--threads", "1", "--out", output, "--plain");
        Assert.True(code == 3, $"exit {code}: {stdout} {stderr}");
        Assert.Contains("Diverged:", stdout);
        Assert.Contains("no final val loss", stdout);
        Assert.DoesNotContain("val loss  nats", stdout);
        Assert.Equal(RunStatus.Diverged, RunResult.Load(output).Status);
    }

    [Fact]
    public void A_mistyped_option_exits_2_pointing_at_the_help()
    {
        var (code, _, stderr) = ScalingProcess.Run("train", "--stepz", "5");
        Assert.Equal(2, code);
        Assert.Contains("error: Unrecognized command or argument '--stepz'", stderr);
        Assert.Contains("scaling train --help", stderr);
    }

    [TmpfsFact]
    public void A_result_that_no_longer_fits_on_the_disk_is_saved_elsewhere_and_the_way_there_printed()
    {
        using var data = new TempDataset();
        using var disk = new Tmpfs("1m");
        disk.FillLeaving(0);
        string output = Path.Combine(disk.Path, $"run-{Guid.NewGuid():N}.json");
        var run = ScalingProcess.Run("train", "--data", data.Folder, "--layers", "1", "--d-model", "16", "--heads", "2", "--ctx", "16",
            "--vocab", "16", "--steps", "3", "--threads", "1", "--out", output, "--plain");

        string line = ScalingProcess.AssertCleanFailure(run, 1, $"could not write the result to {output}", "No space left on device");
        string rescued = Path.Combine(ScalingLaws.IO.RescuedFile.Folder, Path.GetFileName(output));
        Assert.Contains(rescued, line);
        try
        {
            Assert.Equal(3, RunResult.Load(rescued).Steps);
        }
        finally
        {
            File.Delete(rescued);
        }
    }

    [TmpfsFact]
    public void A_full_disk_while_training_says_the_checkpoints_are_kept_and_how_to_resume()
    {
        using var data = new TempDataset();
        using var disk = new Tmpfs("1m");
        disk.FillLeaving(16 * 1024);
        string checkpoints = Path.Combine(disk.Path, "checkpoints");
        var run = ScalingProcess.Run("train", "--data", data.Folder, "--steps", "3", "--threads", "1", "--vocab", "16", "--ctx", "16",
            "--checkpoint-dir", checkpoints, "--out", Path.Combine(data.Folder, "r.json"), "--plain");
        ScalingProcess.AssertCleanFailure(run, 1, "training stopped", "No space left on device", $"The checkpoints in {checkpoints} are kept", "resume");
        Assert.Empty(Directory.Exists(checkpoints) ? Directory.GetFiles(checkpoints, "*.tmp") : []);
    }
}
