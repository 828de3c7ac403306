using Microsoft.Data.Analysis;
using ScalingLaws.Plotting;

namespace ScalingLaws.Experiments.Language;

/// <summary>The DataFrames of notebook 01: the numbers behind each chart.</summary>
public static class LanguageTables
{
    /// <summary>
    /// Every run of the sweep: group, shape, size, data, compute, losses (nats/token, and bits/byte given the validation
    /// split's bytes per token, which compares across tokenizers), status, speed.
    /// </summary>
    public static DataFrame Runs(IEnumerable<LanguageRun> runs, double valBytesPerToken) => Tables.From(runs.OrderBy(r => r.Group).ThenBy(r => r.N),
        new Column<LanguageRun>("run", r => r.Id),
        new Column<LanguageRun>("group", r => r.Group),
        new Column<LanguageRun>("n_layer", r => r.Result.Config.Model.NLayer),
        new Column<LanguageRun>("d_model", r => r.Result.Config.Model.DModel),
        new Column<LanguageRun>("N (non-embedding)", r => r.Result.NonEmbeddingParams),
        new Column<LanguageRun>("total params", r => r.Result.TotalParams),
        new Column<LanguageRun>("tokens", r => r.Result.Tokens),
        new Column<LanguageRun>("dataset tokens", r => r.Result.Config.DatasetTokens),
        new Column<LanguageRun>("C (FLOPs, Kaplan count)", r => r.Result.ComputeFlops),
        new Column<LanguageRun>("best val loss", r => r.Result.BestValLoss),
        new Column<LanguageRun>("best val bits/byte", r => r.Result.BestValLoss is { } l ? ScalingLaws.Data.PreparedDataset.BitsPerByte(l, valBytesPerToken) : null),
        new Column<LanguageRun>("final val loss", r => r.Result.FinalValLoss),
        new Column<LanguageRun>("status", r => r.Result.Status.ToString()),
        new Column<LanguageRun>("tokens/s", r => Math.Round(r.Result.TokensPerSecond)));

    /// <summary>The L(N) points with the fit's prediction and the held-out check.</summary>
    public static DataFrame Size(SizeScaling s) => Tables.From(s.Points,
        new Column<SizePoint>("run", p => p.Id),
        new Column<SizePoint>("N", p => p.NonEmbeddingParams),
        new Column<SizePoint>("total params", p => p.TotalParams),
        new Column<SizePoint>("loss", p => p.LossNatsPerToken),
        new Column<SizePoint>("L(N) fit", p => s.Fit.Predict(p.NonEmbeddingParams)),
        new Column<SizePoint>("fit without largest", p => s.Extrapolation.Fit.Predict(p.NonEmbeddingParams)));

    /// <summary>The shape runs' deviations from the L(N) trend.</summary>
    public static DataFrame Shape(ShapeIndependence s) => Tables.From(s.Points,
        new Column<ShapePoint>("run", p => p.Id),
        new Column<ShapePoint>("n_layer", p => p.NLayer),
        new Column<ShapePoint>("d_model", p => p.DModel),
        new Column<ShapePoint>("d_model/n_layer", p => p.AspectRatio),
        new Column<ShapePoint>("N", p => p.NonEmbeddingParams),
        new Column<ShapePoint>("loss", p => p.LossNatsPerToken),
        new Column<ShapePoint>("L(N) trend", p => p.PredictedLoss),
        new Column<ShapePoint>("deviation %", p => p.DeviationPercent));

    /// <summary>Every data and size run with its overfitting variable and penalty.</summary>
    public static DataFrame Data(DataScaling d) => Tables.From(d.Overfitting,
        new Column<OverfitPoint>("run", p => p.Id),
        new Column<OverfitPoint>("N", p => p.NonEmbeddingParams),
        new Column<OverfitPoint>("D (tokens)", p => p.DatasetTokens),
        new Column<OverfitPoint>("N^(aN/aD)/D", p => p.Ratio),
        new Column<OverfitPoint>("penalty L/L(N,inf) - 1", p => p.Penalty));

    /// <summary>Tokens each size needed to reach the target loss.</summary>
    public static DataFrame SampleEfficiency(LearningCurves c) => Tables.From(c.ToTarget,
        new Column<TokensToTarget>("run", t => t.Id),
        new Column<TokensToTarget>("N", t => t.NonEmbeddingParams),
        new Column<TokensToTarget>($"tokens to reach {c.TargetLoss:F3}", t => t.Tokens));

    /// <summary>The three N_opt(C) exponents side by side.</summary>
    public static DataFrame Allocation(ComputeScaling c) => Tables.From(new[] { c.KaplanStyle, c.HeadFlopsCounted, c.ChinchillaStyle },
        new Column<AllocationEstimate>("method", e => e.Name),
        new Column<AllocationEstimate>("how", e => e.Description),
        new Column<AllocationEstimate>("frontier budgets", e => e.Frontier.Count),
        new Column<AllocationEstimate>("a in N_opt ~ C^a", e => e.OptimalParams?.Exponent),
        new Column<AllocationEstimate>("95% interval", e => e.OptimalParams?.ExponentInterval.ToString()),
        new Column<AllocationEstimate>("note", e => e.Note ?? ""));

    /// <summary>The IsoFLOP runs.</summary>
    public static DataFrame IsoFlop(ComputeScaling c, long? trainTokens = null)
    {
        var columns = new List<Column<IsoFlopPoint>>
        {
            new("run", p => p.Id),
            new("budget (FLOPs)", p => p.BudgetFlops),
            new("C used (FLOPs, with head)", p => p.ComputeFlopsWithHead),
            new("N", p => p.NonEmbeddingParams),
            new("tokens", p => p.Tokens),
            new("final loss", p => p.LossNatsPerToken),
        };
        // Small models at large budgets may take more than one pass over the corpus: repeated data costs them a little.
        if (trainTokens is > 0) columns.Insert(5, new("passes over the data", p => p.Tokens / trainTokens.Value));
        return Tables.From(c.IsoFlop, [.. columns]);
    }

    /// <summary>Transfer points.</summary>
    public static DataFrame Transfer(Transfer t) => Tables.From(t.Points,
        new Column<TransferPoint>("run", p => p.Id),
        new Column<TransferPoint>("N", p => p.NonEmbeddingParams),
        new Column<TransferPoint>("val loss", p => p.ValLoss),
        new Column<TransferPoint>($"{t.SplitName} loss", p => p.TransferLoss),
        new Column<TransferPoint>("offset", p => p.TransferLoss - p.ValLoss));

    /// <summary>Our constants beside Kaplan's.</summary>
    public static DataFrame Constants(LanguageScalingReport r) => Tables.From(r.Constants(),
        new Column<ConstantComparison>("symbol", c => c.Symbol),
        new Column<ConstantComparison>("meaning", c => c.Meaning),
        new Column<ConstantComparison>("ours", c => c.Ours),
        new Column<ConstantComparison>("ours, 95% interval", c => c.OursInterval),
        new Column<ConstantComparison>("Kaplan et al. 2020", c => c.Kaplan));
}
