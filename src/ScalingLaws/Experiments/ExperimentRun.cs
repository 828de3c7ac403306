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

    /// <summary>
    /// The run's loss on the trained regions of its whole validation split after training (the early-stopped model when
    /// early stopping was on), from its final evaluation; the best loss of its learning curve (a sample of the split) when
    /// it had none.
    /// </summary>
    public double FinalLoss => Result.FinalEvaluation?.TryGetValue("val", out var val) == true ? val.NatsPerToken : BestValLoss;

    /// <summary>
    /// Each example's summed loss in <paramref name="region"/> from the run's final evaluation of <paramref name="split"/>,
    /// in the split's example order, and the tokens each scored (for a bootstrap over the held-out examples).
    /// </summary>
    public (float[] Nats, double[] Tokens) PerExample(string region, string split = "val")
    {
        var evaluation = Result.FinalEvaluation?.GetValueOrDefault(split)
            ?? throw new InvalidOperationException($"Run {Id} has no final evaluation of {split}; its sweep needs \"final_evaluation\": true (retrain it).");
        var nats = evaluation.PerExampleNats?.GetValueOrDefault(region)
            ?? throw new InvalidOperationException($"Run {Id}'s evaluation of {split} has no per-example losses for region {region}; it is kept for datasets of whole examples.");
        var score = evaluation.Regions[region];
        if (score.Examples != nats.Length || score.Tokens % score.Examples != 0)
            throw new InvalidOperationException($"Run {Id}'s {region} examples have different lengths; per-example tokens are only known for fixed-length examples.");
        return (nats, Enumerable.Repeat((double)(score.Tokens / score.Examples), nats.Length).ToArray());
    }

    /// <summary>Tokens in a split of the dataset the run trained on, from the provenance its record keeps (null when unknown).</summary>
    public long? SplitTokens(string split) => Result.Dataset?["splits"]?[split]?["tokens"]?.GetValue<long>();

    /// <summary>Whether the run finished (completed or early-stopped) rather than diverged.</summary>
    public bool Usable => Result.Status != RunStatus.Diverged && double.IsFinite(BestValLoss);

    /// <summary>The regime the run ended in (<paramref name="trainTokens"/>: the tokens it could draw from).</summary>
    public RunRegime Regime(long trainTokens) => RunRegime.Of(Result, Result.Config.DatasetTokens is { } d ? Math.Min(d, trainTokens) : trainTokens);

    /// <summary>
    /// The learning curve against training compute (Kaplan's count, or with the output head's FLOPs), evaluations after
    /// step 0 only, for the frontier and L(C) fits.
    /// </summary>
    public Fitting.LearningCurve ComputeCurve(bool withHead = false)
    {
        var points = Result.LearningCurve.Where(p => p.Step > 0 && double.IsFinite(p.ValLoss)).ToArray();
        return new Fitting.LearningCurve(N, points.Select(p => withHead ? p.ComputeFlopsWithHead : p.ComputeFlops).ToArray(), points.Select(p => p.ValLoss).ToArray());
    }

    /// <summary>The completions the run's record keeps for <paramref name="split"/> and <paramref name="region"/>.</summary>
    public IReadOnlyList<Evaluation.Completion> Samples(string split, string region) =>
        (Result.Samples ?? []).Where(s => s.Split == split && s.Region == region).ToArray();

    /// <summary>One run from its stored record (the trainer's RunResult plus the sweep's raw run config).</summary>
    public static ExperimentRun FromRecord(string id, JsonObject record) =>
        new(id, SweepTraining.ToRunResult(record), record[SweepResultStore.RunConfigKey] as JsonObject ?? new JsonObject());
}
