using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScalingLaws.Training;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Ran all its steps.</summary>
    Completed,
    /// <summary>The loss or gradient became NaN or infinite; the record holds the curve up to that point.</summary>
    Diverged,
    /// <summary>Held-out loss stopped improving (early stopping).</summary>
    EarlyStopped,
}

/// <summary>One point of the learning curve: the losses the L(S), L(D) and L(C) fits read.</summary>
public sealed record CurvePoint
{
    /// <summary>Optimiser steps done (S).</summary>
    public required long Step { get; init; }

    /// <summary>Training tokens seen (D), padding of whole-example rows included.</summary>
    public required long Tokens { get; init; }

    /// <summary>Training compute so far, Kaplan's count (6N + 6 n_layer n_ctx d_model per token).</summary>
    public required double ComputeFlops { get; init; }

    /// <summary>Training compute so far, with the output head's matmul (Porian et al. 2024).</summary>
    public required double ComputeFlopsWithHead { get; init; }

    /// <summary>Mean training loss of the steps since the previous point, nats/token.</summary>
    public required double TrainLoss { get; init; }

    /// <summary>Held-out loss on the fixed evaluation windows or examples (trained regions), nats/token.</summary>
    public required double ValLoss { get; init; }

    /// <summary>Learning rate of the last step.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Smoothed B_simple in tokens (null when not measured).</summary>
    public double? GradientNoiseScale { get; init; }

    /// <summary>Training wall time so far.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Loss on each of the config's extra evaluation splits (e.g. "transfer", "extrapolate"), nats/token.</summary>
    public IReadOnlyDictionary<string, double>? ExtraValLosses { get; init; }
}

/// <summary>The machine a run ran on.</summary>
public sealed record MachineInfo(string HostName, int CpuCount, string Os, string Framework)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Current() => new(
        Environment.MachineName, Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}

/// <summary>
/// The record of one training run: its config, learning curve, final losses, size, compute and provenance. One JSON
/// file per run (snake_case keys, <see cref="RunJson"/>); the sweep store keeps these.
/// </summary>
public sealed record RunResult
{
    /// <summary>How the run ended.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>The config it was trained from.</summary>
    public required TrainConfig Config { get; init; }

    /// <summary>Evaluations along the run.</summary>
    public required IReadOnlyList<CurvePoint> LearningCurve { get; init; }

    /// <summary>Loss on (a fixed sample of) the training data at the end, nats/token; null when diverged.</summary>
    public double? FinalTrainLoss { get; init; }

    /// <summary>Held-out loss at the last evaluation, nats/token; null when diverged.</summary>
    public double? FinalValLoss { get; init; }

    /// <summary>The lowest held-out loss of any evaluation (the early-stopped loss), nats/token.</summary>
    public double? BestValLoss { get; init; }

    /// <summary>Kaplan's N: parameters outside the embedding tables.</summary>
    public required long NonEmbeddingParams { get; init; }

    /// <summary>All parameters.</summary>
    public required long TotalParams { get; init; }

    /// <summary>Token and position embedding parameters.</summary>
    public required long EmbeddingParams { get; init; }

    /// <summary>Training FLOPs per token, Kaplan's count.</summary>
    public required double FlopsPerToken { get; init; }

    /// <summary>Training FLOPs per token with the output head.</summary>
    public required double FlopsPerTokenWithHead { get; init; }

    /// <summary>Training compute, Kaplan's count.</summary>
    public required double ComputeFlops { get; init; }

    /// <summary>Training compute with the output head.</summary>
    public required double ComputeFlopsWithHead { get; init; }

    /// <summary>Optimiser steps taken.</summary>
    public required long Steps { get; init; }

    /// <summary>Training tokens processed.</summary>
    public required long Tokens { get; init; }

    /// <summary>The last smoothed gradient noise scale B_simple, tokens.</summary>
    public double? GradientNoiseScale { get; init; }

    /// <summary>Training wall time over all sessions.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Throughput of the last session.</summary>
    public required double TokensPerSecond { get; init; }

    /// <summary>The seed.</summary>
    public required long Seed { get; init; }

    /// <summary>The device it ran on.</summary>
    public required string Device { get; init; }

    /// <summary>Torch intra-op threads.</summary>
    public required int Threads { get; init; }

    /// <summary>The library's version.</summary>
    public required string LibraryVersion { get; init; }

    /// <summary>TorchSharp's version.</summary>
    public required string TorchSharpVersion { get; init; }

    /// <summary>The commit the running code was built from.</summary>
    public string? GitCommit { get; init; }

    /// <summary>The machine.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>When the last session started.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>Things the user should read: resumed, stopped early, diverged.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>
    /// With <see cref="TrainConfig.FinalEvaluation"/>: each evaluated split scored in full after training (per region,
    /// per subset, per example).
    /// </summary>
    public IReadOnlyDictionary<string, Evaluation.SplitEvaluation>? FinalEvaluation { get; init; }

    /// <summary>With <see cref="TrainConfig.Samples"/>: what the trained model generated.</summary>
    public IReadOnlyList<Evaluation.Completion>? Samples { get; init; }

    /// <summary>Provenance of the dataset it trained on (the dataset folder's meta.json, token lists left out).</summary>
    public System.Text.Json.Nodes.JsonObject? Dataset { get; init; }

    /// <summary>Writes the record as indented JSON, atomically (<see cref="IO.AtomicFile"/>), creating the folder.</summary>
    public void Save(string path) => IO.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, RunJson.Options));

    /// <summary>Reads a record written by <see cref="Save"/>.</summary>
    public static RunResult Load(string path) =>
        JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), RunJson.Options)
        ?? throw new InvalidDataException($"{path} holds no run record.");
}

/// <summary>The JSON conventions of configs and run records: snake_case keys and enum names, indented, nulls kept.</summary>
public static class RunJson
{
    /// <summary>Options for <see cref="JsonSerializer"/>.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
