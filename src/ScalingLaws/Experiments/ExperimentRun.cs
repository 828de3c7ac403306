using System.Text.Json.Nodes;
using ScalingLaws.Sweeps;
using ScalingLaws.Training;

namespace ScalingLaws.Experiments;

/// <summary>
/// One finished run of an experiment's sweep: its id, the trainer's record, and the sweep's raw run config (with the
/// descriptive keys the trainer ignores: the group, a compute budget, an arm, tags).
/// </summary>
/// <param name="Id">The run's id in the sweep.</param>
/// <param name="Result">The trainer's record.</param>
/// <param name="RunConfig">The sweep's config for the run (defaults merged with its overrides).</param>
public sealed record ExperimentRun(string Id, RunResult Result, JsonObject RunConfig)
{
    /// <summary>The run's group (what question it answers); "size" when the sweep gives none.</summary>
    public string Group => RunConfig["group"]?.GetValue<string>() ?? "size";

    /// <summary>The compute budget (FLOPs) an IsoFLOP run was sized for, when the sweep gives one.</summary>
    public double? BudgetFlops => RunConfig["budget_flops"]?.GetValue<double>();

    /// <summary>A descriptive tag of the run config's "tags" object, or null.</summary>
    public string? Tag(string name) => RunConfig["tags"]?[name]?.ToString();

    /// <summary>Kaplan's N: non-embedding parameters.</summary>
    public double N => Result.NonEmbeddingParams;

    /// <summary>The early-stopped (best) held-out loss, nats/token.</summary>
    public double BestValLoss => Result.BestValLoss ?? double.NaN;

    /// <summary>Whether the run finished (completed or early-stopped) rather than diverged.</summary>
    public bool Usable => Result.Status != RunStatus.Diverged && double.IsFinite(BestValLoss);

    /// <summary>One run from its stored record (the trainer's RunResult plus the sweep's raw run config).</summary>
    public static ExperimentRun FromRecord(string id, JsonObject record) =>
        new(id, SweepTraining.ToRunResult(record), record[SweepResultStore.RunConfigKey] as JsonObject ?? new JsonObject());
}
