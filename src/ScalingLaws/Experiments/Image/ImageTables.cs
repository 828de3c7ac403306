using Microsoft.Data.Analysis;
using ScalingLaws.Plotting;
using ScalingLaws.Reference;

namespace ScalingLaws.Experiments.Image;

/// <summary>One fitted constant of ours beside Henighan et al. 2020's.</summary>
/// <param name="Quantity">What it is.</param>
/// <param name="Ours">Our value.</param>
/// <param name="Interval">Our 95% interval, where there is one.</param>
/// <param name="Henighan">Theirs (8x8 images, Table 1 or 3).</param>
/// <param name="Source">Where theirs comes from.</param>
public sealed record ImageConstant(string Quantity, double Ours, string Interval, double Henighan, string Source);

/// <summary>The tables of notebook 02.</summary>
public static class ImageTables
{
    /// <summary>
    /// Every run with its shape, training length, regime (passes over the data, early-stopped, converged or still
    /// improving) and losses, nats per token and per image.
    /// </summary>
    public static DataFrame Runs(IEnumerable<ExperimentRun> runs, long trainTokens, int tokensPerImage) => Tables.From(runs.OrderBy(r => r.Group).ThenBy(r => r.N),
        new Column<ExperimentRun>("run", r => r.Id),
        new Column<ExperimentRun>("N", r => r.Result.NonEmbeddingParams),
        new Column<ExperimentRun>("n_layer x d_model", r => $"{r.Result.Config.Model.NLayer} x {r.Result.Config.Model.DModel}"),
        new Column<ExperimentRun>("steps", r => r.Result.Steps),
        new Column<ExperimentRun>("tokens", r => r.Result.Tokens),
        new Column<ExperimentRun>("passes over the data", r => Math.Round(r.Regime(trainTokens).Passes, 2)),
        new Column<ExperimentRun>("regime", r => r.Regime(trainTokens).Label),
        new Column<ExperimentRun>("loss (nats/token)", r => r.FinalLoss),
        new Column<ExperimentRun>("loss (nats/image)", r => r.FinalLoss * tokensPerImage),
        new Column<ExperimentRun>("tokens/s", r => Math.Round(r.Result.TokensPerSecond)));

    /// <summary>
    /// Each run's loss (nats per token of <paramref name="region"/>) on every subset of a split from its final
    /// evaluation: a row per run, a column per subset (the mixture's prototype ranks, MNIST's digits).
    /// </summary>
    public static DataFrame SubsetLosses(IReadOnlyList<ExperimentRun> runs, string split, string region)
    {
        var subsets = runs.SelectMany(r => r.Result.FinalEvaluation?.GetValueOrDefault(split)?.Subsets?.Keys ?? []).Distinct().ToArray();
        var columns = new List<Column<ExperimentRun>> { new("run", r => r.Id), new("N", r => r.Result.NonEmbeddingParams) };
        columns.AddRange(subsets.Select(subset => new Column<ExperimentRun>(subset, r =>
            r.Result.FinalEvaluation?.GetValueOrDefault(split)?.Subsets?.GetValueOrDefault(subset)?.Regions.GetValueOrDefault(region)?.NatsPerToken is { } loss ? Math.Round(loss, 4) : (double?)null)));
        return Tables.From(runs, [.. columns]);
    }

    /// <summary>Our constants beside Henighan et al. 2020's 8x8 rows (Table 1, and Table 3 per image).</summary>
    public static DataFrame Constants(IEnumerable<ImageConstant> rows) => Tables.From(rows,
        new Column<ImageConstant>("quantity", c => c.Quantity),
        new Column<ImageConstant>("ours", c => c.Ours),
        new Column<ImageConstant>("95% interval", c => c.Interval),
        new Column<ImageConstant>("Henighan et al. 2020 (8x8)", c => c.Henighan),
        new Column<ImageConstant>("source", c => c.Source));

    /// <summary>Henighan et al. 2020's 8x8 constant by its symbol in data/reference/henighan2020_table1.csv.</summary>
    public static double Henighan(string symbol) => PublishedConstants.Henighan2020Table1[$"image8x8.{symbol}"];
}
