using Microsoft.Data.Analysis;
using ScalingLaws.Plotting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One constant of ours beside the published one.</summary>
/// <param name="Quantity">What it is, with the regime or convention it was measured in.</param>
/// <param name="Ours">Our value.</param>
/// <param name="Interval">Our 95% interval, where there is one.</param>
/// <param name="Published">The paper's value.</param>
/// <param name="Source">Which paper, and where in it.</param>
public sealed record LanguageConstant(string Quantity, double Ours, string Interval, double Published, string Source);

/// <summary>The DataFrames of notebook 01: the numbers behind each chart.</summary>
public static class LanguageTables
{
    /// <summary>
    /// Every run of the sweep: group, shape, size in three counts, data, passes, losses (nats/token; bits/byte given the
    /// validation split's bytes per token, which compares across tokenizers), status, speed.
    /// </summary>
    public static DataFrame Runs(IEnumerable<LanguageRun> runs, long trainTokens, double valBytesPerToken) => Tables.From(runs.OrderBy(r => r.Group).ThenBy(r => r.BudgetFlops).ThenBy(r => r.N).ThenBy(r => r.Seed),
        new Column<LanguageRun>("run", r => r.Id),
        new Column<LanguageRun>("group", r => r.Group),
        new Column<LanguageRun>("shape", r => r.Shape),
        new Column<LanguageRun>("N (non-embedding)", r => r.N),
        new Column<LanguageRun>("total params", r => r.TotalParams),
        new Column<LanguageRun>("steps", r => r.Result.Steps),
        new Column<LanguageRun>("tokens", r => r.Result.Tokens),
        new Column<LanguageRun>("passes", r => Math.Round(r.Passes(trainTokens), 2)),
        new Column<LanguageRun>("C (FLOPs, head counted)", r => r.Result.ComputeFlopsWithHead),
        new Column<LanguageRun>("final loss", r => Math.Round(r.FinalLoss, 4)),
        new Column<LanguageRun>("bits/byte", r => Math.Round(Data.PreparedDataset.BitsPerByte(r.FinalLoss, valBytesPerToken), 4)),
        new Column<LanguageRun>("val windows scored", r => r.HasFinalEvaluation ? r.FinalEvaluationWindows : r.Result.Config.EvalSequences),
        new Column<LanguageRun>("status", r => r.Result.Status.ToString()),
        new Column<LanguageRun>("tokens/s", r => Math.Round(r.Result.TokensPerSecond)));

    /// <summary>
    /// The two checks of a converged L(N), per run: steps (did validation loss stop improving: early-stopped, or less
    /// than 0.5% better over the last fifth?) and data (Kaplan's D >~ 5e3 N^0.74 against the tokens the run could draw on).
    /// </summary>
    public static DataFrame Regime(IEnumerable<LanguageRun> runs, long trainTokens) => Tables.From(runs.OrderBy(r => r.N),
        new Column<LanguageRun>("run", r => r.Id),
        new Column<LanguageRun>("N", r => r.N),
        new Column<LanguageRun>("steps", r => r.Result.Steps),
        new Column<LanguageRun>("passes", r => Math.Round(r.Regime(trainTokens).Passes, 2)),
        new Column<LanguageRun>("steps check", r => r.Regime(trainTokens).Label),
        new Column<LanguageRun>("D (tokens)", r => r.DatasetTokens(trainTokens)),
        new Column<LanguageRun>("Kaplan's 5e3 N^0.74", r => Math.Round(DataSufficiency.KaplanMinimumTokens(r.N))),
        new Column<LanguageRun>("data check", r => r.DatasetTokens(trainTokens) >= DataSufficiency.KaplanMinimumTokens(r.N) ? "enough data" : "data-limited: L(N, D)"),
        new Column<LanguageRun>("final loss", r => Math.Round(r.FinalLoss, 4)));

    /// <summary>The joint fits' points: both D's and whether the run stayed within the repetition limit.</summary>
    public static DataFrame Joint(IEnumerable<JointPoint> points) => Tables.From(points.OrderBy(p => p.NonEmbeddingParams).ThenBy(p => p.TokensTrained),
        new Column<JointPoint>("run", p => p.Id),
        new Column<JointPoint>("N", p => p.NonEmbeddingParams),
        new Column<JointPoint>("total params", p => p.TotalParams),
        new Column<JointPoint>("unique tokens seen (Kaplan's D)", p => Math.Round(p.UniqueTokens)),
        new Column<JointPoint>("tokens trained (Chinchilla's D)", p => p.TokensTrained),
        new Column<JointPoint>("passes", p => Math.Round(p.Passes, 2)),
        new Column<JointPoint>($"within {JointPoint.RepetitionLimit} passes", p => p.WithinRepetitionLimit ? "yes" : "no: flagged"),
        new Column<JointPoint>("final loss", p => Math.Round(p.Loss, 4)));

    /// <summary>Each IsoFLOP budget: its verdict, the margins and the seed spread behind it, and the optimum in three counts.</summary>
    public static DataFrame Profiles(IEnumerable<IsoFlopProfile> profiles, long trainTokens) => Tables.From(profiles,
        new Column<IsoFlopProfile>("budget (FLOPs, head counted)", p => p.BudgetFlops),
        new Column<IsoFlopProfile>("sizes", p => p.Sizes.Count),
        new Column<IsoFlopProfile>("best", p => p.Best >= 0 ? p.Sizes[p.Best].Run.Shape : ""),
        new Column<IsoFlopProfile>("margin below", p => Round(p.MarginBelow)),
        new Column<IsoFlopProfile>("margin above", p => Round(p.MarginAbove)),
        new Column<IsoFlopProfile>("2 x seed spread", p => Round(2 * p.SeedSpread)),
        new Column<IsoFlopProfile>("verdict", p => p.Verdict.ToString()),
        new Column<IsoFlopProfile>("N_opt non-embedding", p => p.Minimum?.Params(ComputeConvention.NonEmbedding)),
        new Column<IsoFlopProfile>("N_opt total", p => p.Minimum?.Params(ComputeConvention.Total)),
        new Column<IsoFlopProfile>("D_opt (tokens)", p => p.Minimum?.Tokens),
        new Column<IsoFlopProfile>("loss at optimum", p => p.Minimum is { } m ? Math.Round(m.Loss, 4) : null),
        new Column<IsoFlopProfile>("most passes", p => Math.Round(p.MostPasses(trainTokens), 1)));

    /// <summary>N_opt(C) and D_opt(C) exponents, each beside its convention.</summary>
    public static DataFrame Allocations(IEnumerable<OptimalAllocation> allocations) => Tables.From(allocations,
        new Column<OptimalAllocation>("convention", a => a.Convention.Name),
        new Column<OptimalAllocation>("budgets", a => a.Points.Count),
        new Column<OptimalAllocation>("a in N_opt ~ C^a", a => Round(a.Exponent)),
        new Column<OptimalAllocation>("a, 95% interval", a => a.Params?.ExponentInterval.ToString() ?? ""),
        new Column<OptimalAllocation>("b in D_opt ~ C^b", a => Round(a.Tokens?.Exponent ?? double.NaN)),
        new Column<OptimalAllocation>("b, 95% interval", a => a.Tokens?.ExponentInterval.ToString() ?? ""));

    /// <summary>Porian et al.'s steps on our models beside theirs.</summary>
    public static DataFrame Porian(IEnumerable<PorianStep> steps) => Tables.From(steps,
        new Column<PorianStep>("step", s => $"{s.Number}. {s.Step}"),
        new Column<PorianStep>("runs and method", s => s.Runs),
        new Column<PorianStep>("convention", s => s.Allocation.Convention.Name),
        new Column<PorianStep>("budgets (interior)", s => s.Budgets),
        new Column<PorianStep>("a, ours", s => Round(s.Allocation.Exponent)),
        new Column<PorianStep>("95% interval", s => s.Allocation.Params?.ExponentInterval.ToString() ?? ""),
        new Column<PorianStep>("Porian et al. (RefinedWeb / OWT2)", s => $"{s.PublishedRefinedWeb:F3} / {s.PublishedOpenWebText2:F3}"),
        new Column<PorianStep>("note", s => s.Enough ? "" : $"fewer than {PorianSteps.MinimumBudgets} budgets: rough"));

    /// <summary>The tuning runs: final loss by size, learning-rate multiplier, beta2 and batch.</summary>
    public static DataFrame Tuning(IEnumerable<LanguageRun> runs) => Tables.From(runs.OrderBy(r => r.N).ThenBy(r => r.FinalLoss),
        new Column<LanguageRun>("run", r => r.Id),
        new Column<LanguageRun>("shape", r => r.Shape),
        new Column<LanguageRun>("learning rate", r => r.Result.Config.EffectiveSchedule.PeakLearningRate),
        new Column<LanguageRun>("x Kaplan's rule", r => r.Tag("lr_multiplier")),
        new Column<LanguageRun>("beta2", r => r.Result.Config.Beta2),
        new Column<LanguageRun>("batch (sequences)", r => r.Result.Config.SequencesPerStep),
        new Column<LanguageRun>("steps", r => r.Result.Steps),
        new Column<LanguageRun>("final loss", r => Math.Round(r.FinalLoss, 4)));

    /// <summary>The shape runs' deviations from the size trend.</summary>
    public static DataFrame Shape(ShapeIndependence s) => Tables.From(s.Points,
        new Column<ShapePoint>("run", p => p.Id),
        new Column<ShapePoint>("n_layer", p => p.NLayer),
        new Column<ShapePoint>("d_model", p => p.DModel),
        new Column<ShapePoint>("d_model/n_layer", p => p.AspectRatio),
        new Column<ShapePoint>("N", p => p.NonEmbeddingParams),
        new Column<ShapePoint>("total params", p => p.TotalParams),
        new Column<ShapePoint>("loss", p => Math.Round(p.LossNatsPerToken, 4)),
        new Column<ShapePoint>("trend", p => Math.Round(p.PredictedLoss, 4)),
        new Column<ShapePoint>("deviation %", p => Math.Round(p.DeviationPercent, 2)));

    /// <summary>Tokens each size needed to reach the target loss.</summary>
    public static DataFrame SampleEfficiency(LearningCurves c) => Tables.From(c.ToTarget,
        new Column<TokensToTarget>("run", t => t.Id),
        new Column<TokensToTarget>("N", t => t.NonEmbeddingParams),
        new Column<TokensToTarget>($"tokens to reach {c.TargetLoss:F3}", t => t.Tokens));

    /// <summary>Transfer points with each model's offset.</summary>
    public static DataFrame Transfer(Transfer t) => Tables.From(t.Points,
        new Column<TransferPoint>("run", p => p.Id),
        new Column<TransferPoint>("N", p => p.NonEmbeddingParams),
        new Column<TransferPoint>("val loss", p => Math.Round(p.ValLoss, 4)),
        new Column<TransferPoint>($"{t.SplitName} loss", p => Math.Round(p.TransferLoss, 4)),
        new Column<TransferPoint>("offset", p => Math.Round(p.Offset, 4)));

    /// <summary>Our constants beside the papers'.</summary>
    public static DataFrame Constants(IEnumerable<LanguageConstant> rows) => Tables.From(rows,
        new Column<LanguageConstant>("quantity", c => c.Quantity),
        new Column<LanguageConstant>("ours", c => Round(c.Ours)),
        new Column<LanguageConstant>("95% interval", c => c.Interval),
        new Column<LanguageConstant>("published", c => c.Published),
        new Column<LanguageConstant>("source", c => c.Source));

    private static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : null;
}
