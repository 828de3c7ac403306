using Plotly.NET;
using ScalingLaws.Plotting;

namespace ScalingLaws.Experiments.Language;

/// <summary>The charts of notebook 01, each mirroring a figure of Kaplan et al. 2020 (log-log where the law is a power law).</summary>
public static class LanguageCharts
{
    /// <summary>Figure 1 (right) / 6: early-stopped loss against non-embedding N, with the L(N) fit.</summary>
    public static GenericChart LossVsParams(SizeScaling s)
    {
        var n = s.Points.Select(p => p.NonEmbeddingParams).ToArray();
        return Charts.LogLog($"L(N): alpha_N = {s.AlphaN:F3} {s.AlphaNInterval}, R^2 = {s.Fit.R2Log:F3}", "non-embedding parameters N", "loss (nats/token)",
            new Series("size runs", n, s.Points.Select(p => p.LossNatsPerToken).ToArray()),
            Series.Curve($"fit (N_c/N)^{s.AlphaN:F3}", x => s.Fit.Predict(x), n.Min() / 1.5, n.Max() * 3),
            Series.Curve("fit without the largest model", x => s.Extrapolation.Fit.Predict(x), n.Min() / 1.5, n.Max() * 3, style: SeriesStyle.DashedLine));
    }

    /// <summary>Figure 6 (left): the same losses against total parameters, embeddings included: no clean line for small models.</summary>
    public static GenericChart LossVsTotalParams(SizeScaling s)
    {
        var total = s.Points.Select(p => p.TotalParams).ToArray();
        return Charts.LogLog($"Against total parameters: R^2 = {s.TotalParamsFit.R2Log:F3} (non-embedding: {s.Fit.R2Log:F3})", "total parameters (with embeddings)", "loss (nats/token)",
            new Series("size runs", total, s.Points.Select(p => p.LossNatsPerToken).ToArray()),
            Series.Curve("power-law fit", x => s.TotalParamsFit.Predict(x), total.Min() / 1.5, total.Max() * 1.5));
    }

    /// <summary>Figure 5: deviation from the L(N) trend against aspect ratio.</summary>
    public static GenericChart Shape(ShapeIndependence s) =>
        Charts.LogX($"Shape: spread {s.SpreadPercent:F1}% over a {s.AspectRange:F0}x range of d_model/n_layer", "aspect ratio d_model / n_layer", "loss relative to L(N) fit (%)",
            new Series("runs near the same N", s.Points.Select(p => p.AspectRatio).ToArray(), s.Points.Select(p => p.DeviationPercent).ToArray()));

    /// <summary>Figure 1 (middle): early-stopped loss against dataset size for the largest data-run model, with L(D).</summary>
    public static GenericChart LossVsData(DataScaling d)
    {
        var x = d.LdPoints.Select(p => p.DatasetTokens).ToArray();
        return Charts.LogLog($"L(D) at N = {d.LdPoints[0].NonEmbeddingParams:N0}: alpha_D = {d.AlphaD:F3} {d.AlphaDInterval}", "dataset size D (tokens)", "early-stopped loss (nats/token)",
            new Series("nested subsets", x, d.LdPoints.Select(p => p.LossNatsPerToken).ToArray()),
            Series.Curve("fit (D_c/D)^alpha_D", v => d.LdFit.Predict(v), x.Min() / 1.5, x.Max() * 3));
    }

    /// <summary>Figure 4 (right): the overfitting penalty against N^(alpha_N/alpha_D) / D.</summary>
    public static GenericChart Overfitting(DataScaling d) =>
        Charts.LogX($"Overfitting: L(N,D)/L(N,inf) - 1 against N^{d.OverfitExponent:F2}/D", $"N^{d.OverfitExponent:F2} / D", "loss penalty (fraction)",
            // Overfitting is sorted by ratio, and grouping keeps that order within each size.
            d.Overfitting.GroupBy(o => o.NonEmbeddingParams).OrderBy(g => g.Key).Select(g =>
                new Series($"N = {g.Key:N0}", g.Select(o => o.Ratio).ToArray(), g.Select(o => o.Penalty).ToArray(), SeriesStyle.PointsAndLine)).ToArray());

    /// <summary>Figure 2 / 4 (left): learning curves L(S) per size, with the fitted L(N, S) dashed.</summary>
    public static GenericChart Curves(LearningCurves c)
    {
        var series = new List<Series>();
        foreach (var run in c.Samples.GroupBy(s => s.NonEmbeddingParams).OrderBy(g => g.Key))
        {
            var pts = run.OrderBy(s => s.Step).ToArray();
            series.Add(new Series($"N = {run.Key:N0}", pts.Select(s => (double)s.Step).ToArray(), pts.Select(s => s.LossNatsPerToken).ToArray(), SeriesStyle.PointsAndLine));
            if (pts[^1].Step > pts[0].Step)
                series.Add(Series.Curve($"fit N = {run.Key:N0}", s => c.Fit.Predict(run.Key, s), pts[0].Step, pts[^1].Step, 40, SeriesStyle.DashedLine));
        }
        return Charts.LogLog($"L(N, S): alpha_S = {c.AlphaS:F2}, S_c = {c.SC:G3}", "optimiser steps S", "held-out loss (nats/token)", [.. series]);
    }

    /// <summary>Figure 1 (left): every learning curve against compute, the frontier and L(C) over it.</summary>
    public static GenericChart Compute(ComputeScaling c)
    {
        var series = c.CurvesKaplanFlops.Select(curve => new Series($"N = {curve.NonEmbeddingParams:N0}",
            curve.ComputeFlops.Select(f => f / ComputeScaling.FlopsPerPfDay).ToArray(), curve.LossNatsPerToken.ToArray(), SeriesStyle.Line)).ToList();
        if (c.Envelope.Count > 0)
            series.Add(new Series("lower envelope (compute-efficient frontier)", c.Envelope.Select(p => p.ComputeFlops / ComputeScaling.FlopsPerPfDay).ToArray(),
                c.Envelope.Select(p => p.LossNatsPerToken).ToArray(), SeriesStyle.PointsAndLine));
        if (c.FrontierKaplan.Count > 0)
            series.Add(new Series("interior minima (N_opt budgets)", c.FrontierKaplan.Select(p => p.ComputeFlops / ComputeScaling.FlopsPerPfDay).ToArray(),
                c.FrontierKaplan.Select(p => p.LossNatsPerToken).ToArray()));
        if (c.LossFrontierFit is { } fit)
            series.Add(Series.Curve($"L(C) at a fixed batch, alpha_C = {fit["alpha"]:F3}", x => fit.Predict(x),
                c.EnvelopeFitted.Min(p => p.ComputeFlops) / ComputeScaling.FlopsPerPfDay, c.EnvelopeFitted.Max(p => p.ComputeFlops) / ComputeScaling.FlopsPerPfDay, style: SeriesStyle.DashedLine));
        return Charts.LogLog("Loss against compute (non-embedding FLOPs, Kaplan's count)", "compute C (PF-days)", "held-out loss (nats/token)", [.. series]);
    }

    /// <summary>Figure 14 / Porian et al. figure 1: the compute-optimal N at each budget, three ways, with N_opt(C) fits.</summary>
    public static GenericChart Allocation(ComputeScaling c)
    {
        var series = new List<Series>();
        foreach (var e in new[] { c.KaplanStyle, c.HeadFlopsCounted, c.ChinchillaStyle }.Where(e => e.Frontier.Count > 0))
        {
            series.Add(new Series($"{e.Name} frontier", e.Frontier.Select(p => p.ComputeFlops).ToArray(), e.Frontier.Select(p => p.NonEmbeddingParams).ToArray()));
            if (e.OptimalParams is { } law)
                series.Add(Series.Curve($"{e.Name}: a = {law.Exponent:F2}", law.Predict, e.Frontier.Min(p => p.ComputeFlops), e.Frontier.Max(p => p.ComputeFlops), style: SeriesStyle.DashedLine));
        }
        return Charts.LogLog("N_opt(C): where Kaplan's and Chinchilla's exponents part", "compute C (FLOPs)", "compute-optimal N", [.. series]);
    }

    /// <summary>Hoffmann et al. 2022, figure 3: IsoFLOP profiles, final loss against N at each budget.</summary>
    public static GenericChart IsoFlop(ComputeScaling c) =>
        Charts.LogX("IsoFLOP profiles (each run trained to its budget)", "non-embedding parameters N", "final held-out loss (nats/token)",
            c.IsoFlop.GroupBy(p => p.BudgetFlops).OrderBy(g => g.Key).Select(g => new Series($"C = {g.Key:G2} FLOPs",
                g.Select(p => p.NonEmbeddingParams).ToArray(), g.Select(p => p.LossNatsPerToken).ToArray(), SeriesStyle.PointsAndLine)).ToArray());

    /// <summary>Figure 10: the gradient noise scale against loss, with B_crit(L).</summary>
    public static GenericChart NoiseScale(CriticalBatch b)
    {
        var series = b.Points.GroupBy(p => p.NonEmbeddingParams).OrderBy(g => g.Key)
            .Select(g => new Series($"N = {g.Key:N0}", g.Select(p => p.LossNatsPerToken).ToArray(), g.Select(p => p.NoiseScaleTokens).ToArray())).ToList();
        if (b.Fit is { } fit && b.Points.Count > 0)
            series.Add(Series.Curve($"B_crit(L) = B*/L^(1/{b.AlphaB:F2})", x => fit.Predict(x), b.Points.Min(p => p.LossNatsPerToken), b.Points.Max(p => p.LossNatsPerToken), style: SeriesStyle.DashedLine));
        return Charts.LogLog("Critical batch size from the gradient noise scale", "held-out loss (nats/token)", "B_simple (tokens)", [.. series]);
    }

    /// <summary>Figure 8: loss on Moby-Dick against loss on held-out addresses.</summary>
    public static GenericChart Transfer(Transfer t)
    {
        double lo = t.Points.Min(p => p.ValLoss), hi = t.Points.Max(p => p.ValLoss);
        return Charts.Linear($"Transfer: {t.SplitName} loss = {t.Intercept:F2} + {t.Slope:F2} x val loss (mean offset {t.MeanOffset:F2} nats)",
            "held-out addresses loss (nats/token)", "Moby-Dick loss (nats/token)",
            new Series("size runs", t.Points.Select(p => p.ValLoss).ToArray(), t.Points.Select(p => p.TransferLoss).ToArray()),
            new Series("least-squares line", [lo, hi], [t.Intercept + t.Slope * lo, t.Intercept + t.Slope * hi], SeriesStyle.Line),
            new Series("constant offset (slope 1)", [lo, hi], [lo + t.MeanOffset, hi + t.MeanOffset], SeriesStyle.DashedLine));
    }
}
