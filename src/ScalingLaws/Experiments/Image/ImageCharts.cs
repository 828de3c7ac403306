using Plotly.NET;
using ScalingLaws.Data;
using ScalingLaws.Fitting;
using ScalingLaws.Plotting;

namespace ScalingLaws.Experiments.Image;

/// <summary>One model size's point for an L(N) chart: N and its loss, in nats per token.</summary>
/// <param name="Id">The run.</param>
/// <param name="N">Non-embedding parameters.</param>
/// <param name="Loss">Loss, nats per token.</param>
public sealed record SizePoint(string Id, double N, double Loss);

/// <summary>The charts of notebook 02 (images): samples, L(N) with its constant, the reducible part, compute, data.</summary>
public static class ImageCharts
{
    /// <summary>Real images beside what models of increasing size generate (each row from one run's record).</summary>
    public static GenericChart Samples(string title, IReadOnlyList<ExperimentRun> runs, ImageTokens image, int perRow = 8)
    {
        if (runs.Count == 0) throw new ArgumentException("No runs to show samples of.");
        var real = runs[^1].Samples("val", ImageTokens.Region).Take(perRow).Select(c => ImageTokens.Decode(c.Reference)).ToArray();
        var rows = new List<ImageRow> { new("held-out images", real) };
        foreach (var run in runs)
            rows.Add(new ImageRow($"sampled by N = {run.N:G3} ({run.Id})", run.Samples("val", ImageTokens.Region).Take(perRow).Select(c => ImageTokens.Decode(c.Generated)).ToArray()));
        return ImageMosaic.Of(title, rows.Where(r => r.Images.Count > 0).ToArray(), image.Width, image.Height, image.Channels);
    }

    /// <summary>
    /// L(N) on log-log axes: the runs, the power-plus-constant fit, the fit without the largest run (dashed) and the
    /// constant L_inf (and the exact entropy, where it is known).
    /// </summary>
    public static GenericChart LossVsParams(string title, IReadOnlyList<SizePoint> points, FitResult fit, FitResult? heldOutFit = null, double? exactEntropy = null)
    {
        double lo = points.Min(p => p.N) / 1.5, hi = points.Max(p => p.N) * 3;
        var series = new List<Series>
        {
            new("runs", points.Select(p => p.N).ToArray(), points.Select(p => p.Loss).ToArray()),
            Series.Curve($"fit: {fit["L_inf"]:F3} + (N / {fit["x_0"]:G3})^-{fit["alpha"]:F3}", x => fit.Predict(x), lo, hi),
            Series.Curve($"L_inf = {fit["L_inf"]:F3}", _ => fit["L_inf"], lo, hi, 2, SeriesStyle.DashedLine),
        };
        if (heldOutFit is not null) series.Add(Series.Curve("fit without the largest run", x => heldOutFit.Predict(x), lo, hi, style: SeriesStyle.DashedLine));
        if (exactEntropy is { } h) series.Add(Series.Curve($"exact entropy {h:F3}", _ => h, lo, hi, 2, SeriesStyle.Line));
        return Charts.LogLog(title, "N (non-embedding parameters)", "loss (nats per token)", [.. series]);
    }

    /// <summary>
    /// The reducible loss, loss − L_inf, against N: a straight line if the power-law term is a law. With the exact entropy,
    /// the true KL divergence (loss − H) of each run beside it.
    /// </summary>
    public static GenericChart Reducible(string title, IReadOnlyList<SizePoint> points, FitResult fit, double? exactEntropy = null)
    {
        double lo = points.Min(p => p.N) / 1.5, hi = points.Max(p => p.N) * 3;
        double lInf = fit["L_inf"];
        var above = points.Where(p => p.Loss > lInf).ToArray();
        var series = new List<Series>
        {
            new("loss − fitted L_inf", above.Select(p => p.N).ToArray(), above.Select(p => p.Loss - lInf).ToArray()),
            Series.Curve($"(N / {fit["x_0"]:G3})^-{fit["alpha"]:F3}", x => fit.Predict(x) - lInf, lo, hi),
        };
        if (exactEntropy is { } h)
        {
            var kl = points.Where(p => p.Loss > h).ToArray();
            series.Add(new Series("true KL: loss − exact entropy", kl.Select(p => p.N).ToArray(), kl.Select(p => p.Loss - h).ToArray()));
        }
        return Charts.LogLog(title, "N (non-embedding parameters)", "reducible loss (nats per token)", [.. series]);
    }

    /// <summary>Learning curves against compute, the frontier (lowest loss reached with that much compute) and L(C).</summary>
    public static GenericChart Compute(string title, IReadOnlyList<ExperimentRun> runs, IReadOnlyList<FrontierPoint> envelope, FitResult? lossFit)
    {
        const double pfDay = 8.64e19;
        var series = runs.Select(r =>
        {
            var c = r.ComputeCurve();
            return new Series($"N = {r.N:G3}", c.ComputeFlops.Select(f => f / pfDay).ToArray(), c.LossNatsPerToken, SeriesStyle.Line);
        }).ToList();
        series.Add(new Series("frontier", envelope.Select(p => p.ComputeFlops / pfDay).ToArray(), envelope.Select(p => p.LossNatsPerToken).ToArray(), SeriesStyle.PointsAndLine));
        if (lossFit is not null)
            series.Add(Series.Curve($"L(C) = {lossFit["L_inf"]:F3} + (C / {lossFit["x_0"]:G3})^-{lossFit["alpha"]:F3}", x => lossFit.Predict(x),
                envelope.Min(p => p.ComputeFlops) / pfDay, envelope.Max(p => p.ComputeFlops) / pfDay * 10, style: SeriesStyle.DashedLine));
        return Charts.LogLog(title, "C (PF-days, 6N per token)", "loss (nats per token)", [.. series]);
    }

    /// <summary>N_opt(C): the frontier's interpolated best size at each budget and the fitted power law.</summary>
    public static GenericChart Allocation(string title, IReadOnlyList<FrontierPoint> frontier, AllocationLaw law)
    {
        const double pfDay = 8.64e19;
        var c = frontier.Select(p => p.ComputeFlops).ToArray();
        return Charts.LogLog(title, "C (PF-days)", "N_opt (non-embedding parameters)",
            new Series("frontier (interior minima)", c.Select(x => x / pfDay).ToArray(), frontier.Select(p => p.NonEmbeddingParams).ToArray()),
            Series.Curve($"N_opt ∝ C^{law.Exponent:F2}", x => law.Predict(x * pfDay), c.Min() / pfDay / 2, c.Max() / pfDay * 2));
    }

    /// <summary>L(D) at one model size: the runs and the power-plus-constant fit.</summary>
    public static GenericChart LossVsData(string title, IReadOnlyList<double> images, IReadOnlyList<double> losses, FitResult? fit)
    {
        var series = new List<Series> { new("runs (early-stopped)", images, losses) };
        if (fit is not null)
        {
            series.Add(Series.Curve($"fit: {fit["L_inf"]:F3} + (D / {fit["x_0"]:G3})^-{fit["alpha"]:F3}", x => fit.Predict(x), images.Min() / 1.5, images.Max() * 3));
            series.Add(Series.Curve($"L_inf = {fit["L_inf"]:F3}", _ => fit["L_inf"], images.Min() / 1.5, images.Max() * 3, 2, SeriesStyle.DashedLine));
        }
        return Charts.LogLog(title, "D (training images)", "loss (nats per token)", [.. series]);
    }
}
