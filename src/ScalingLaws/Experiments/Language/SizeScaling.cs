using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One model size's early-stopped loss.</summary>
public sealed record SizePoint(string Id, double NonEmbeddingParams, double TotalParams, double LossNatsPerToken, int NLayer, int DModel);

/// <summary>
/// L(N) = (N_c / N)^alpha_N (Kaplan et al. 2020, eq. 1.1) fitted to the size runs' early-stopped losses, with a
/// bootstrap interval, the same fit against total parameters (why Kaplan excludes embeddings), and a held-out
/// check: fitted without the largest model, how well does it predict that model's loss?
/// </summary>
public sealed record SizeScaling(
    IReadOnlyList<SizePoint> Points, FitResult Fit, BootstrapResult Bootstrap, FitResult TotalParamsFit, ExtrapolationCheck Extrapolation)
{
    /// <summary>alpha_N.</summary>
    public double AlphaN => Fit["alpha"];

    /// <summary>N_c.</summary>
    public double NC => Fit["x_c"];

    /// <summary>The bootstrap interval of alpha_N.</summary>
    public ConfidenceInterval AlphaNInterval => Bootstrap.Intervals["alpha"];

    /// <summary>The held-out model's prediction error, in percent (signed).</summary>
    public double ExtrapolationErrorPercent => Extrapolation.Points[^1].PercentError;

    /// <summary>The decades of N the points span.</summary>
    public double Decades => Math.Log10(Points.Max(p => p.NonEmbeddingParams) / Points.Min(p => p.NonEmbeddingParams));

    /// <summary>Fits L(N) to the usable runs of the size group (at least 4 sizes: 3 to fit, 1 to predict).</summary>
    public static SizeScaling Analyse(IEnumerable<LanguageRun> runs, BootstrapOptions bootstrap)
    {
        var points = runs.Where(r => r.Group == LanguageGroups.Size && r.Usable)
            .Select(r => new SizePoint(r.Id, r.N, r.Result.TotalParams, r.BestValLoss, r.Result.Config.Model.NLayer, r.Result.Config.Model.DModel))
            .OrderBy(p => p.NonEmbeddingParams).ToArray();
        if (points.Length < 4)
            throw new InvalidOperationException($"L(N) with a held-out check needs at least 4 finished size runs; the sweep has {points.Length}. Run the sweep to completion (scaling sweep run).");
        var law = new PowerLaw();
        var data = new FitData(points.Select(p => p.NonEmbeddingParams).ToArray(), points.Select(p => p.LossNatsPerToken).ToArray(), xName: "N", yName: "loss");
        var fit = ScalingLawFitter.Fit(law, data);
        var totals = new FitData(points.Select(p => p.TotalParams).ToArray(), points.Select(p => p.LossNatsPerToken).ToArray(), xName: "total params", yName: "loss");
        return new SizeScaling(points, fit, Fitting.Bootstrap.Run(fit, data, bootstrap), ScalingLawFitter.Fit(law, totals),
            HeldOutExtrapolation.Run(law, data, heldOut: 1));
    }
}
