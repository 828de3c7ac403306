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
/// <param name="Step">Optimiser steps done (S).</param>
/// <param name="Tokens">Training tokens seen (D).</param>
/// <param name="ComputeFlops">Training compute so far, Kaplan's count (6N + 6 n_layer n_ctx d_model per token).</param>
/// <param name="ComputeFlopsWithHead">Training compute so far, with the output head's matmul (Porian et al. 2024).</param>
/// <param name="TrainLoss">Mean training loss of the steps since the previous point, nats/token.</param>
/// <param name="ValLoss">Held-out loss on the fixed evaluation windows, nats/token.</param>
/// <param name="LearningRate">Learning rate of the last step.</param>
/// <param name="GradientNoiseScale">Smoothed B_simple in tokens (null when not measured).</param>
/// <param name="ElapsedSeconds">Training wall time so far.</param>
/// <param name="ExtraValLosses">Loss on each of the config's extra evaluation splits (e.g. "transfer"), nats/token.</param>
public sealed record CurvePoint(
    long Step, long Tokens, double ComputeFlops, double ComputeFlopsWithHead, double TrainLoss, double ValLoss,
    double LearningRate, double? GradientNoiseScale, double ElapsedSeconds,
    IReadOnlyDictionary<string, double>? ExtraValLosses = null);

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
public sealed record RunResult(
    RunStatus Status,
    TrainConfig Config,
    IReadOnlyList<CurvePoint> LearningCurve,
    double? FinalTrainLoss,
    double? FinalValLoss,
    double? BestValLoss,
    long NonEmbeddingParams,
    long TotalParams,
    long EmbeddingParams,
    double FlopsPerToken,
    double FlopsPerTokenWithHead,
    double ComputeFlops,
    double ComputeFlopsWithHead,
    long Steps,
    long Tokens,
    double? GradientNoiseScale,
    double WallSeconds,
    double TokensPerSecond,
    long Seed,
    string Device,
    int Threads,
    string LibraryVersion,
    string TorchSharpVersion,
    string? GitCommit,
    MachineInfo Machine,
    DateTimeOffset Date,
    IReadOnlyList<string> Notes)
{
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
