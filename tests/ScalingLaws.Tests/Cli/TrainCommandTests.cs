using System.Diagnostics;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Cli;

/// <summary>Runs the built `scaling` command as a user would.</summary>
public class TrainCommandTests
{
    internal static (int ExitCode, string Stdout, string Stderr) Scaling(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "scaling.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Train_writes_the_result_record_and_flags_override_the_config()
    {
        using var data = new TempDataset();
        string config = Path.Combine(data.Folder, "run.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(data.TinyRun(steps: 100), RunJson.Options));
        string output = Path.Combine(data.Folder, "out", "result.json");
        var (code, stdout, stderr) = Scaling("train", "--config", config, "--steps", "12", "--seed", "3", "--out", output, "--plain");
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
        var (code, _, stderr) = Scaling("train", "--data", data.Folder, "--d-model", "30", "--heads", "4", "--steps", "5");
        Assert.Equal(2, code);
        Assert.Contains("not divisible by n_head", stderr);
        (code, _, stderr) = Scaling("train", "--data", Path.Combine(data.Folder, "missing"), "--steps", "5");
        Assert.Equal(2, code);
        Assert.Contains("Dataset folder not found", stderr);
    }
}
