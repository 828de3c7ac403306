using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>The gradient noise scale measured at one evaluation, beside the loss there.</summary>
public sealed record NoiseScalePoint(string Id, double NonEmbeddingParams, long Step, double LossNatsPerToken, double NoiseScaleTokens);

/// <summary>
/// Critical batch size: the simple gradient noise scale B_simple = tr(Sigma) / |G|^2 (McCandlish et al. 2018), measured
/// along every size run, against the loss, and B_crit(L) = B_star / L^(1/alpha_B) (Kaplan et al. 2020, eq. 1.4) fitted to
/// it. Kaplan finds B_crit depends on the loss, not the model size, so all runs share one curve.
/// </summary>
public sealed record CriticalBatch(IReadOnlyList<NoiseScalePoint> Points, FitResult? Fit, BootstrapResult? Bootstrap, string? Note)
{
    /// <summary>alpha_B, or NaN when there were too few positive estimates.</summary>
    public double AlphaB => Fit?["alpha_B"] ?? double.NaN;

    /// <summary>
    /// The interval of alpha_B from resampling whole runs (a run's estimates share its noise, so resampling points
    /// would be far too narrow); null without a fit.
    /// </summary>
    public ConfidenceInterval? AlphaBInterval => Bootstrap?.Intervals["alpha_B"];

    /// <summary>B_star in tokens, or NaN.</summary>
    public double BStar => Fit?["B_star"] ?? double.NaN;

    /// <summary>Points at a learning rate below this fraction of the peak are not used.</summary>
    public const double MinimumRateFraction = 0.1;

    /// <summary>Collects the noise-scale estimates after warm-up and before the end of the decay, and fits B_crit(L).</summary>
    public static CriticalBatch Analyse(IReadOnlyList<LanguageRun> runs, BootstrapOptions? bootstrap = null)
    {
        var points = runs.Where(r => r.Group == LanguageGroups.Size && r.Usable)
            .SelectMany(r => r.Result.LearningCurve
                // Warm-up points are left out (the smoothed estimate lags a landscape that changes fast, and they sit
                // near the untrained loss), and so is the tail of the decay: at under a tenth of the peak rate the
                // weights settle into a valley floor where the mean gradient vanishes and B_simple no longer tracks B_crit.
                .Where(p => p.Step >= Math.Max(r.WarmupSteps, 20) && p.LearningRate >= MinimumRateFraction * r.Result.Config.EffectiveSchedule.PeakLearningRate
                    && p.GradientNoiseScale is > 0 && double.IsFinite(p.GradientNoiseScale.Value) && double.IsFinite(p.ValLoss))
                .Select(p => new NoiseScalePoint(r.Id, r.N, p.Step, p.ValLoss, p.GradientNoiseScale!.Value)))
            .ToArray();
        if (points.Length < 4)
            return new CriticalBatch(points, null, null, $"only {points.Length} positive noise-scale estimates; train longer or with more micro-batches per step.");
        var data = new FitData(points.Select(p => p.LossNatsPerToken).ToArray(), points.Select(p => p.NoiseScaleTokens).ToArray(), xName: "loss", yName: "B_simple");
        var fit = ScalingLawFitter.Fit(new CriticalBatchSize(), data);
        var runIds = points.Select(p => p.Id).Distinct().ToList();
        var clusters = points.Select(p => runIds.IndexOf(p.Id)).ToArray();
        return new CriticalBatch(points, fit, Fitting.Bootstrap.Run(fit, data, bootstrap, clusters), null);
    }
}
