namespace ScalingLaws.Experiments.Language;

/// <summary>One model's loss on held-out addresses and on held-out Moby-Dick, at its best evaluation.</summary>
public sealed record TransferPoint(string Id, double NonEmbeddingParams, double ValLoss, double TransferLoss);

/// <summary>
/// Kaplan et al. 2020, figure 8: loss on another distribution tracks the loss on the training distribution with a roughly
/// constant offset as models grow. A least-squares line transfer = intercept + slope x val summarises it; a slope near 1
/// means a constant offset.
/// </summary>
public sealed record Transfer(IReadOnlyList<TransferPoint> Points, double Slope, double Intercept, string SplitName)
{
    /// <summary>Mean of transfer minus validation loss, nats/token.</summary>
    public double MeanOffset => Points.Average(p => p.TransferLoss - p.ValLoss);

    /// <summary>The size runs' losses on <paramref name="split"/> at the evaluation where their validation loss was lowest.</summary>
    public static Transfer Analyse(IReadOnlyList<LanguageRun> runs, string split = "transfer")
    {
        var points = runs.Where(r => r.Group == LanguageGroups.Size && r.Usable)
            .Select(r => (Run: r, Best: r.Result.LearningCurve
                .Where(p => double.IsFinite(p.ValLoss) && p.ExtraValLosses?.TryGetValue(split, out double t) == true && double.IsFinite(t))
                .MinBy(p => p.ValLoss)))
            .Where(x => x.Best is not null)
            .Select(x => new TransferPoint(x.Run.Id, x.Run.N, x.Best!.ValLoss, x.Best.ExtraValLosses![split]))
            .OrderBy(p => p.NonEmbeddingParams).ToArray();
        if (points.Length < 2)
            throw new InvalidOperationException($"Transfer needs at least 2 size runs evaluated on '{split}' (extra_eval_splits); the sweep has {points.Length}.");
        var (slope, intercept) = Fitting.WeightedLine.Fit(points.Select(p => p.ValLoss).ToArray(), points.Select(p => p.TransferLoss).ToArray());
        return new Transfer(points, slope, intercept, split);
    }
}
