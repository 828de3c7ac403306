using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One shape's loss beside what L(N) predicts for its N.</summary>
public sealed record ShapePoint(string Id, int NLayer, int DModel, double AspectRatio, double NonEmbeddingParams, double LossNatsPerToken, double PredictedLoss)
{
    /// <summary>How far the loss lies from the L(N) trend, in percent.</summary>
    public double DeviationPercent => 100 * (LossNatsPerToken / PredictedLoss - 1);
}

/// <summary>
/// Kaplan et al. 2020, figure 5: at fixed N, loss depends only weakly on shape. The shape runs (and size runs of
/// about the same N) are compared with the L(N) fit at their own N, so small differences in N do not count as
/// shape effects; the spread is the range of those deviations.
/// </summary>
public sealed record ShapeIndependence(IReadOnlyList<ShapePoint> Points)
{
    /// <summary>Largest minus smallest deviation from L(N), in percent of the loss.</summary>
    public double SpreadPercent => Points.Max(p => p.DeviationPercent) - Points.Min(p => p.DeviationPercent);

    /// <summary>Largest over smallest aspect ratio d_model / n_layer.</summary>
    public double AspectRange => Points.Max(p => p.AspectRatio) / Points.Min(p => p.AspectRatio);

    /// <summary>The shape runs plus size runs within 30% of their median N, against the size fit.</summary>
    public static ShapeIndependence Analyse(IReadOnlyList<LanguageRun> runs, FitResult sizeFit)
    {
        var shape = runs.Where(r => r.Group == LanguageGroups.Shape && r.Usable).ToArray();
        if (shape.Length == 0)
            throw new InvalidOperationException("The sweep has no finished shape runs (group \"shape\").");
        double median = shape.Select(r => r.N).OrderBy(n => n).ElementAt(shape.Length / 2);
        var near = runs.Where(r => r.Group == LanguageGroups.Size && r.Usable && Math.Abs(Math.Log(r.N / median)) < Math.Log(1.3));
        var points = shape.Concat(near)
            .Select(r => new ShapePoint(r.Id, r.Result.Config.Model.NLayer, r.Result.Config.Model.DModel, r.AspectRatio, r.N, r.BestValLoss, sizeFit.Predict(r.N)))
            .OrderBy(p => p.AspectRatio).ToArray();
        if (points.Select(p => p.AspectRatio).Distinct().Count() < 2)
            throw new InvalidOperationException($"Shape independence needs runs of about the same N at two or more aspect ratios; the sweep has {points.Length} finished run(s) near N = {median:N0}.");
        return new ShapeIndependence(points);
    }
}
