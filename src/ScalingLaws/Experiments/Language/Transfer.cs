using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One model's loss on held-out addresses and on held-out Moby-Dick.</summary>
public sealed record TransferPoint(string Id, double NonEmbeddingParams, double ValLoss, double TransferLoss)
{
    /// <summary>Transfer minus validation loss, nats/token.</summary>
    public double Offset => TransferLoss - ValLoss;
}

/// <summary>
/// Kaplan et al. 2020, figure 8: loss on another distribution tracks the loss on the training distribution "with a roughly
/// constant offset" as models grow. A least-squares line transfer = intercept + slope x val says whether it does here: a
/// slope of 1 is a constant offset; a slope below 1 means the offset grows as the models improve. The interval of the
/// slope resamples the models.
/// </summary>
public sealed record Transfer(IReadOnlyList<TransferPoint> Points, double Slope, double Intercept, ConfidenceInterval SlopeInterval, string SplitName)
{
    /// <summary>The offset of the model with the highest validation loss (the weakest).</summary>
    public double OffsetOfWeakest => Points.MaxBy(p => p.ValLoss)!.Offset;

    /// <summary>The offset of the model with the lowest validation loss (the best).</summary>
    public double OffsetOfBest => Points.MinBy(p => p.ValLoss)!.Offset;

    /// <summary>Whether the slope's interval contains 1, i.e. a constant offset is consistent with the models.</summary>
    public bool ConstantOffsetConsistent => SlopeInterval.Contains(1);

    /// <summary>
    /// The runs' losses on <paramref name="split"/> beside their validation loss: from the whole-split final evaluation when
    /// a run has one (its early-stopped model), else at the evaluation of its learning curve where validation loss was lowest.
    /// </summary>
    public static Transfer Analyse(IEnumerable<LanguageRun> runs, BootstrapOptions options, string split = "transfer")
    {
        var points = runs.Where(r => r.Usable).Select(r => Point(r, split)).OfType<TransferPoint>().OrderBy(p => p.NonEmbeddingParams).ToArray();
        if (points.Length < 3)
            throw new InvalidOperationException($"Transfer needs at least 3 runs scored on '{split}' (extra_eval_splits or final_eval_splits); the runs given have {points.Length}.");
        double[] x = points.Select(p => p.ValLoss).ToArray(), y = points.Select(p => p.TransferLoss).ToArray();
        var (slope, intercept) = WeightedLine.Fit(x, y);
        var interval = Bootstrap.Interval(BootstrapDesign.Points(points.Length), options, counts => WeightedLine.Fit(x, y, counts).Slope);
        return new Transfer(points, slope, intercept, interval, split);
    }

    private static TransferPoint? Point(LanguageRun r, string split)
    {
        if (r.Result.FinalEvaluation is { } final && final.TryGetValue("val", out var val) && final.TryGetValue(split, out var other))
            return new TransferPoint(r.Id, r.N, val.NatsPerToken, other.NatsPerToken);
        var best = r.Result.LearningCurve
            .Where(p => double.IsFinite(p.ValLoss) && p.ExtraValLosses?.TryGetValue(split, out double t) == true && double.IsFinite(t))
            .MinBy(p => p.ValLoss);
        return best is null ? null : new TransferPoint(r.Id, r.N, best.ValLoss, best.ExtraValLosses![split]);
    }
}
