using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One shape's loss beside what the size trend predicts at its own parameter count.</summary>
public sealed record ShapePoint(string Id, int NLayer, int DModel, double AspectRatio, double NonEmbeddingParams, double TotalParams, double LossNatsPerToken, double PredictedLoss)
{
    /// <summary>How far the loss lies from the trend, in percent.</summary>
    public double DeviationPercent => 100 * (LossNatsPerToken / PredictedLoss - 1);
}

/// <summary>
/// Kaplan et al. 2020, figure 5: at fixed N (non-embedding), loss depends only weakly on shape. Where embeddings are a
/// large share of every model (ours: vocabulary 1,024), holding N fixed lets the embedding grow with d_model, so the
/// comparison is made twice: at matched non-embedding N and at matched total parameters. Each run is compared with a
/// trend fitted in the same count at its own count, so small differences in size do not count as shape effects.
/// </summary>
/// <param name="Count">Which parameter count was held fixed ("non-embedding" or "total").</param>
/// <param name="Points">The runs near the matched count, by aspect ratio.</param>
public sealed record ShapeIndependence(string Count, IReadOnlyList<ShapePoint> Points)
{
    /// <summary>Largest minus smallest deviation from the trend, in percent of the loss.</summary>
    public double SpreadPercent => Points.Max(p => p.DeviationPercent) - Points.Min(p => p.DeviationPercent);

    /// <summary>Largest over smallest aspect ratio d_model / n_layer.</summary>
    public double AspectRange => Points.Max(p => p.AspectRatio) / Points.Min(p => p.AspectRatio);

    /// <summary>
    /// The runs whose <paramref name="count"/> lies within <paramref name="tolerance"/> (relative) of
    /// <paramref name="target"/>, against <paramref name="trend"/> (a law fitted in the same count).
    /// </summary>
    public static ShapeIndependence Analyse(string countName, IEnumerable<LanguageRun> runs, Func<LanguageRun, double> count, double target,
        FitResult trend, double tolerance = 0.3)
    {
        var points = runs.Where(r => r.Usable && Math.Abs(Math.Log(count(r) / target)) < Math.Log(1 + tolerance))
            .Select(r => new ShapePoint(r.Id, r.Result.Config.Model.NLayer, r.Result.Config.Model.DModel, r.AspectRatio, r.N, r.TotalParams,
                r.FinalLoss, trend.Predict(count(r))))
            .OrderBy(p => p.AspectRatio).ToArray();
        if (points.Select(p => p.AspectRatio).Distinct().Count() < 2)
            throw new InvalidOperationException($"Shape at matched {countName} parameters needs runs of about the same count at two or more aspect ratios; " +
                $"the sweep has {points.Length} finished run(s) within {tolerance:P0} of {target:N0}.");
        return new ShapeIndependence(countName, points);
    }
}
