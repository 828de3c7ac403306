using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Models;
using ScalingLaws.Training;

namespace ScalingLaws.Sweeps;

/// <summary>
/// Turns a sweep run's JSON config into a <see cref="TrainConfig"/> and trains it: the dataset named by a
/// <c>"dataset"</c> object is prepared (fetched on first use), checkpoints go to the run's working folder so a
/// killed run resumes, and the record is the trainer's <see cref="RunResult"/> as JSON.
/// </summary>
/// <remarks>
/// A run config is a <see cref="TrainConfig"/> in JSON (snake_case) plus, optionally,
/// <c>"dataset": {"corpus": "sotu", "tokenizer": "bpe", "vocab_size": 1024, "transfer": "moby-dick"}</c> in place of
/// <c>"data"</c>, and any descriptive keys (e.g. <c>"group"</c>) the trainer ignores. A relative <c>"data"</c>
/// path is taken from the sweep file's folder.
/// </remarks>
public static class SweepTraining
{
    /// <summary>
    /// Keys a run config may carry besides the <see cref="TrainConfig"/> fields: they describe the run, not train it
    /// ("tags" is an object of free labels, such as an arm of a comparison, read back by ExperimentRun.Tag).
    /// </summary>
    public static readonly IReadOnlySet<string> DescriptiveKeys = new HashSet<string>(StringComparer.Ordinal) { "dataset", "group", "budget_flops", "description", "tags" };

    /// <summary>
    /// Parses and validates every run's config before anything trains, so a typo in run 17 fails now, not after
    /// an hour. Throws naming the sweep, the run and the problem.
    /// </summary>
    public static void ValidateAll(SweepDefinition sweep)
    {
        foreach (var run in sweep.Runs) ConfigWithoutData(sweep, run);
    }

    /// <summary>
    /// The training FLOPs a run is planned to take (head counted, evaluations not): what a sweep-wide ETA weighs
    /// runs by. Early-stopped runs take less.
    /// </summary>
    public static double PlannedFlops(SweepDefinition sweep, SweepRun run)
    {
        var config = ConfigWithoutData(sweep, run);
        return FlopCount.TrainingFlopsPerTokenWithHead(config.Model) * config.TotalSteps * config.TokensPerStep;
    }

    // The run's validated config, its dataset not yet prepared (so nothing is fetched or tokenised).
    private static TrainConfig ConfigWithoutData(SweepDefinition sweep, SweepRun run)
    {
        var json = sweep.ConfigFor(run);
        if (json["data"] is null && json["dataset"] is null)
            throw new ArgumentException($"Sweep '{sweep.Name}', run '{run.Id}': give \"dataset\" (e.g. {{\"corpus\": \"sotu\"}}) or \"data\" (a prepared dataset folder).");
        json["data"] ??= "(prepared when the run starts)";
        string origin = $"Sweep '{sweep.Name}', run '{run.Id}'";
        try
        {
            if (json["dataset"] is { } dataset) DatasetKinds.Validate(dataset as JsonObject ?? throw new ArgumentException("dataset must be an object such as {\"kind\": \"mnist\"}."));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{origin}: {e.Message}", e);
        }
        var config = Parse(json, origin);
        try
        {
            return config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{origin}: {e.Message}", e);
        }
    }

    /// <summary>The run's <see cref="TrainConfig"/>, with its dataset prepared and its checkpoints in its working folder.</summary>
    /// <param name="context">The run.</param>
    /// <param name="sweepFolder">The sweep file's folder, from which a relative <c>"data"</c> path is taken.</param>
    /// <param name="log">Where dataset preparation reports.</param>
    /// <param name="threads">
    /// Threads for this worker in place of the config's <c>threads</c> (a scheduler's share of cores). Threads are not
    /// part of a run's identity (<see cref="TrainerState.IdentityOf"/>) and the sweep stores the run's config as the
    /// sweep gave it, so the record still matches its sweep and a checkpoint resumes under another worker's count.
    /// </param>
    /// <param name="cancellation">Stops a long dataset preparation.</param>
    public static TrainConfig Resolve(SweepRunContext context, string? sweepFolder, Action<string>? log = null, int? threads = null, CancellationToken cancellation = default)
    {
        var json = (JsonObject)context.Config.DeepClone();
        if (json["dataset"] is JsonObject dataset)
            json["data"] = DatasetKinds.EnsurePrepared(dataset, log: log, cancellation: cancellation);
        else if (json["data"]?.GetValue<string>() is { } data && !Path.IsPathRooted(data) && sweepFolder is not null)
        {
            json["data"] = Path.GetFullPath(Path.Combine(sweepFolder, data));
        }
        json["checkpoint_dir"] = Path.Combine(context.WorkingFolder, "checkpoints");
        json["resume"] = true;
        if (threads is { } count) json["threads"] = count;
        return Parse(json, $"Run '{context.RunId}'").Validate();
    }

    /// <summary>
    /// Trains one run of a sweep and returns its record (the trainer's <see cref="RunResult"/> as JSON);
    /// <paramref name="threads"/> overrides the config's threads as in <see cref="Resolve"/>.
    /// </summary>
    public static JsonObject Train(SweepRunContext context, string? sweepFolder, IProgress<TrainingProgress>? progress,
        Action<string>? log, CancellationToken cancellation, int? threads = null)
    {
        var config = Resolve(context, sweepFolder, log, threads, cancellation);
        var result = Trainer.Run(config, progress, cancellation);
        return (JsonObject)JsonSerializer.SerializeToNode(result, RunJson.Options)!;
    }

    /// <summary>Reads a stored record back as the trainer's type.</summary>
    public static RunResult ToRunResult(JsonObject record) =>
        record.Deserialize<RunResult>(RunJson.Options) ?? throw new InvalidDataException("Empty run record.");

    // The descriptive keys set aside, a run config is a training config, read as strictly as `scaling train --config`.
    private static TrainConfig Parse(JsonObject json, string origin)
    {
        var config = (JsonObject)json.DeepClone();
        foreach (string key in DescriptiveKeys) config.Remove(key);
        return TrainConfigFile.Parse(config, origin);
    }
}
