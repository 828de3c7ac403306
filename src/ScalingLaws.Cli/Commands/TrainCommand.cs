using System.CommandLine;
using System.Globalization;
using ScalingLaws.IO;
using ScalingLaws.Models;
using ScalingLaws.Training;
using Spectre.Console;

namespace ScalingLaws.Cli.Commands;

/// <summary>`scaling train`: one training run from a JSON config and/or flags; writes the run's result record.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "training config JSON (snake_case keys, see TrainConfig); flags override it" };
        var data = new Option<string?>("--data") { Description = "dataset folder (train.bin, val.bin, meta.json)" };
        var layers = new Option<int?>("--layers") { Description = "n_layer" };
        var dModel = new Option<int?>("--d-model") { Description = "d_model" };
        var heads = new Option<int?>("--heads") { Description = "n_head" };
        var ctx = new Option<int?>("--ctx") { Description = "n_ctx" };
        var vocab = new Option<int?>("--vocab") { Description = "vocabulary size" };
        var batch = new Option<int?>("--batch") { Description = "sequences per step" };
        var steps = new Option<long?>("--steps") { Description = "run length in steps" };
        var tokens = new Option<long?>("--tokens") { Description = "run length in tokens (overrides --steps)" };
        var lr = new Option<double?>("--lr") { Description = "peak learning rate" };
        var seed = new Option<long?>("--seed") { Description = "seed for init and data order" };
        var device = new Option<string?>("--device") { Description = "auto, cpu, cuda or cuda:N" };
        var threads = new Option<int?>("--threads") { Description = "torch threads (0 = all cores)" };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "folder for checkpoints (resumes from the newest good one)" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "also checkpoint every this many steps" };
        var resumeFrom = new Option<string?>("--resume-from") { Description = "resume from this checkpoint file" };
        var output = new Option<string?>("--out") { Description = "result record path (default out/runs/<time>-<shape>.json)" };
        var plain = new Option<bool>("--plain") { Description = "one progress line per interval instead of a progress bar" };

        var command = new Command("train", "Train one GPT model and write its result record (config, learning curve, losses, compute, provenance).")
        {
            config, data, layers, dModel, heads, ctx, vocab, batch, steps, tokens, lr, seed, device, threads,
            checkpointDir, checkpointEvery, resumeFrom, output, plain,
        };
        command.SetAction(parse =>
        {
            // Bad input throws before anything trains; Failures reports it with exit code 2.
            var baseConfig = parse.GetValue(config) is { } path ? TrainConfigFile.Load(path) : new TrainConfig(new GptConfig(), "");
            var model = baseConfig.Model ?? new GptConfig();
            model = model with
            {
                NLayer = parse.GetValue(layers) ?? model.NLayer,
                DModel = parse.GetValue(dModel) ?? model.DModel,
                NHead = parse.GetValue(heads) ?? model.NHead,
                NCtx = parse.GetValue(ctx) ?? model.NCtx,
                VocabSize = parse.GetValue(vocab) ?? model.VocabSize,
            };
            var schedule = baseConfig.EffectiveSchedule;
            var train = baseConfig with
            {
                Model = model,
                Data = parse.GetValue(data) ?? baseConfig.Data,
                BatchSequences = parse.GetValue(batch) ?? baseConfig.BatchSequences,
                BatchTokens = parse.GetValue(batch) is null ? baseConfig.BatchTokens : null,
                MaxSteps = parse.GetValue(steps) ?? baseConfig.MaxSteps,
                MaxTokens = parse.GetValue(tokens) ?? (parse.GetValue(steps) is null ? baseConfig.MaxTokens : null),
                Schedule = schedule with { PeakLearningRate = parse.GetValue(lr) ?? schedule.PeakLearningRate },
                Seed = parse.GetValue(seed) ?? baseConfig.Seed,
                Device = parse.GetValue(device) ?? baseConfig.Device,
                Threads = parse.GetValue(threads) ?? baseConfig.Threads,
                CheckpointDir = parse.GetValue(checkpointDir) ?? baseConfig.CheckpointDir,
                CheckpointEverySteps = parse.GetValue(checkpointEvery) ?? baseConfig.CheckpointEverySteps,
                ResumeFrom = parse.GetValue(resumeFrom) ?? baseConfig.ResumeFrom,
            };
            train.Validate();
            string outPath = parse.GetValue(output) ?? DefaultOutputPath(train);
            // Where the record goes is checked before training, not after it.
            OutputLocation.RequireWritableFile(outPath, $"--out {outPath}");

            RunResult result;
            try
            {
                bool bar = !parse.GetValue(plain) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
                result = bar ? RunWithBar(train) : Trainer.Run(train, new ProgressLineWriter(Console.Out));
            }
            catch (Exception e) when (StorageFault.Is(e))
            {
                throw new IOException($"training stopped: {Failures.OneLine(e)} " + (train.CheckpointDir is { } dir
                    ? $"The checkpoints in {dir} are kept: free space (or fix permissions) and run the same command again to resume."
                    : "Free space (or fix permissions) and run it again; with --checkpoint-dir a run resumes where it stopped."), e);
            }
            Console.WriteLine(Summary(result));
            if (!Save(result, outPath)) return Failures.Failed;
            return result.Status == RunStatus.Diverged ? 3 : 0;
        });
        return command;
    }

    private static string Summary(RunResult r)
    {
        string losses = r.FinalValLoss is { } val
            ? string.Create(CultureInfo.InvariantCulture, $"val loss {val:F4} nats/token")
            : "no final val loss (the loss became NaN or infinite)" +
              (r.BestValLoss is { } best ? string.Create(CultureInfo.InvariantCulture, $", best val loss before that {best:F4} nats/token") : "");
        // A diverged run's notice (at which step, what to try) was printed as it happened.
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Status}: {r.Steps} steps, {r.Tokens:N0} tokens, {losses}, N = {r.NonEmbeddingParams:N0}, C = {r.ComputeFlops:G3} FLOPs, {r.TokensPerSecond:N0} tokens/s");
    }

    // The record goes where asked; if that fails after training (a full disk), it goes somewhere safe instead and says where.
    private static bool Save(RunResult result, string outPath)
    {
        var (written, fault) = RescuedFile.WriteOrRescue(outPath, System.Text.Json.JsonSerializer.Serialize(result, RunJson.Options), Path.GetFileName(outPath));
        if (fault is null)
        {
            Console.WriteLine($"result: {outPath}");
            return true;
        }
        Console.Error.WriteLine($"error: could not write the result to {outPath} ({Failures.OneLine(fault)}); it was saved to {written} instead.");
        return false;
    }

    private static string DefaultOutputPath(TrainConfig c) =>
        Path.Combine("out", "runs", string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-L{c.Model.NLayer}-D{c.Model.DModel}-seed{c.Seed}.json"));

    private static RunResult RunWithBar(TrainConfig config)
    {
        RunResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: config.TotalSteps);
                result = Trainer.Run(config, new BarProgress(task));
            });
        return result!;
    }

    /// <summary>Feeds trainer reports into a Spectre.Console progress task (synchronously, on the training thread).</summary>
    private sealed class BarProgress(ProgressTask task) : IProgress<TrainingProgress>
    {
        private double? lastVal;

        public void Report(TrainingProgress p)
        {
            if (p.Kind == ProgressKind.Notice)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{p.Message}[/]");
                return;
            }
            if (p.Kind == ProgressKind.Checkpoint) return;
            lastVal = p.ValLoss ?? lastVal;
            task.Value = p.Step;
            task.Description = string.Create(CultureInfo.InvariantCulture,
                $"step {p.Step}/{p.TotalSteps} loss {p.TrainLoss:F3} val {lastVal:F3} {p.TokensPerSecond:N0} tok/s");
        }
    }
}
