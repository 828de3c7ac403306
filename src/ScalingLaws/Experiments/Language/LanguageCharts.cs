using Plotly.NET;
using ScalingLaws.Fitting;
using ScalingLaws.Plotting;

namespace ScalingLaws.Experiments.Language;

/// <summary>The charts of notebook 01, each mirroring a figure of Kaplan et al. 2020, Hoffmann et al. 2022 or Porian et al. 2024.</summary>
public static class LanguageCharts
{
    /// <summary>
    /// Kaplan's figure 1 (right): loss against non-embedding N, the converged (early-stopped) runs with their fit and the
    /// fit without the largest model, beside the fixed-step curve of the first edition.
    /// </summary>
    public static GenericChart LossVsParams(IReadOnlyList<LanguageRun> converged, FitResult fit, FitResult withoutLargest, IReadOnlyList<LanguageRun> fixedStep)
    {
        var n = converged.Select(r => r.N).ToArray();
        var series = new List<Series>
        {
            new("converged (early-stopped)", n, converged.Select(r => r.FinalLoss).ToArray()),
            Series.Curve($"fit (N_c/N)^{fit["alpha"]:F3}", x => fit.Predict(x), n.Min() / 1.5, n.Max() * 3),
            Series.Curve("fit without the largest model", x => withoutLargest.Predict(x), n.Min() / 1.5, n.Max() * 3, style: SeriesStyle.DashedLine),
        };
        if (fixedStep.Count > 0)
            series.Add(new Series("fixed 3M tokens (first edition: step-limited)", fixedStep.Select(r => r.N).ToArray(), fixedStep.Select(r => r.BestValLoss).ToArray(), SeriesStyle.PointsAndLine));
        return Charts.LogLog($"L(N): converged alpha_N = {fit["alpha"]:F3}", "non-embedding parameters N", "loss (nats/token)", [.. series]);
    }

    /// <summary>Kaplan's figure 9 (left): early-stopped loss against unique tokens, one line per size, with eq. 1.5 fitted.</summary>
    public static GenericChart Joint(IReadOnlyList<JointPoint> points, FitResult kaplan)
    {
        var series = new List<Series>();
        double lo = points.Min(p => p.UniqueTokens) / 1.5, hi = points.Max(p => p.UniqueTokens) * 1.5;
        foreach (var size in points.GroupBy(p => p.NonEmbeddingParams).OrderBy(g => g.Key))
        {
            var ordered = size.OrderBy(p => p.UniqueTokens).ToArray();
            series.Add(new Series($"N = {size.Key:N0}", ordered.Select(p => p.UniqueTokens).ToArray(), ordered.Select(p => p.Loss).ToArray()));
            series.Add(Series.Curve($"eq. 1.5 at N = {size.Key:N0}", d => kaplan.Predict(size.Key, d), lo, hi, 40, SeriesStyle.DashedLine));
        }
        return Charts.LogLog($"L(N, D), Kaplan's eq. 1.5: alpha_N = {kaplan["alpha_N"]:F3}, alpha_D = {kaplan["alpha_D"]:F3}",
            "unique tokens seen D", "early-stopped loss (nats/token)", [.. series]);
    }

    /// <summary>Hoffmann et al.'s figure 3 (left): final loss against N at each budget, seeds averaged, the counted minima marked.</summary>
    public static GenericChart IsoFlop(string title, IReadOnlyList<IsoFlopProfile> profiles, ComputeConvention axis)
    {
        var series = profiles.Select(p => new Series($"C = {p.BudgetFlops:G3}{(p.Counts ? "" : $" ({p.Verdict})")}",
            p.Sizes.Select(s => axis.Params(s.Run)).ToArray(), p.Sizes.Select(s => s.Loss).ToArray(), SeriesStyle.PointsAndLine)).ToList();
        var minima = profiles.Where(p => p.Counts).ToArray();
        if (minima.Length > 0)
            series.Add(new Series("counted minima", minima.Select(p => p.Minimum!.Params(axis)).ToArray(), minima.Select(p => p.Minimum!.Loss).ToArray()));
        return Charts.LogX(title, $"N ({axis.Name})", "final loss, whole validation split (nats/token)", [.. series]);
    }

    /// <summary>N_opt(C) or D_opt(C) in several conventions, each with its fit.</summary>
    public static GenericChart Allocation(string title, IReadOnlyList<OptimalAllocation> allocations, bool tokens = false)
    {
        var series = new List<Series>();
        foreach (var a in allocations.Where(a => a.Points.Count > 0))
        {
            var c = a.Points.Select(p => p.ComputeFlops).ToArray();
            series.Add(new Series(a.Convention.Name, c, a.Points.Select(p => tokens ? p.Tokens : p.Params).ToArray()));
            if ((tokens ? a.Tokens : a.Params) is { } law)
                series.Add(Series.Curve($"{a.Convention.Name}: {(tokens ? "b" : "a")} = {law.Exponent:F2}", law.Predict, c.Min(), c.Max(), style: SeriesStyle.DashedLine));
        }
        if (series.Count == 0) series.Add(new Series("no budget with a counted minimum", [], []));
        return Charts.LogLog(title, "compute C (FLOPs, in each convention's count)", tokens ? "compute-optimal tokens D_opt" : "compute-optimal N_opt", [.. series]);
    }

    /// <summary>Porian et al.'s figure 1 as one chart: our exponent after each step with its interval, beside theirs.</summary>
    public static GenericChart Porian(IReadOnlyList<PorianStep> steps)
    {
        var measured = steps.Where(s => s.Allocation.Params is not null).ToArray();
        var series = new List<Series>
        {
            new("ours", measured.Select(s => (double)s.Number).ToArray(), measured.Select(s => s.Allocation.Exponent).ToArray()),
            new("Porian et al., RefinedWeb", steps.Select(s => (double)s.Number).ToArray(), steps.Select(s => s.PublishedRefinedWeb).ToArray(), SeriesStyle.DashedLine),
            new("Porian et al., OpenWebText2", steps.Select(s => (double)s.Number).ToArray(), steps.Select(s => s.PublishedOpenWebText2).ToArray(), SeriesStyle.DashedLine),
        };
        foreach (var s in measured.Where(s => double.IsFinite(s.Allocation.Params!.ExponentInterval.Lower)))
            series.Add(new Series($"95% interval, step {s.Number}", [s.Number, s.Number],
                [s.Allocation.Params!.ExponentInterval.Lower, s.Allocation.Params.ExponentInterval.Upper], SeriesStyle.Line));
        return Charts.Linear("N_opt ~ C^a after each of Porian et al.'s steps", "step: 1 Kaplan's setup, 2 head counted, 3 warm-up, 4 cosine per budget, 5 tuned",
            "exponent a", [.. series]);
    }

    /// <summary>Kaplan's figure 1 (left), Chinchilla style: the loss at each counted IsoFLOP minimum against compute, with L(C).</summary>
    public static GenericChart LossVsCompute(IReadOnlyList<OptimalPoint> minima, FitResult? fit, double flopsPerUnit, string unit)
    {
        var c = minima.Select(p => p.ComputeFlops / flopsPerUnit).ToArray();
        var series = new List<Series> { new("IsoFLOP minima", c, minima.Select(p => p.LossNatsPerToken).ToArray()) };
        if (fit is not null && c.Length > 0)
            series.Add(Series.Curve($"L(C) = (C_c/C)^{fit["alpha"]:F3}", x => fit.Predict(x), c.Min() / 1.5, c.Max() * 1.5, style: SeriesStyle.DashedLine));
        return Charts.LogLog("L(C) from the compute-optimal models", $"compute C ({unit}, head counted)", "loss at the optimum (nats/token)", [.. series]);
    }

    /// <summary>Figure 5: deviation from the size trend against aspect ratio, at matched non-embedding N and at matched total parameters.</summary>
    public static GenericChart Shape(params ShapeIndependence[] comparisons) =>
        Charts.LogX("Shape: loss relative to the size trend", "aspect ratio d_model / n_layer", "deviation from the trend (%)",
            comparisons.Select(s => new Series($"matched {s.Count} (spread {s.SpreadPercent:F1}%)", s.Points.Select(p => p.AspectRatio).ToArray(),
                s.Points.Select(p => p.DeviationPercent).ToArray(), SeriesStyle.PointsAndLine)).ToArray());

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

    /// <summary>Figure 10: the gradient noise scale against loss, with B_crit(L).</summary>
    public static GenericChart NoiseScale(CriticalBatch b)
    {
        var series = b.Points.GroupBy(p => p.NonEmbeddingParams).OrderBy(g => g.Key)
            .Select(g => new Series($"N = {g.Key:N0}", g.Select(p => p.LossNatsPerToken).ToArray(), g.Select(p => p.NoiseScaleTokens).ToArray())).ToList();
        if (b.Fit is { } fit && b.Points.Count > 0)
            series.Add(Series.Curve($"B_crit(L) = B*/L^(1/{b.AlphaB:F2})", x => fit.Predict(x), b.Points.Min(p => p.LossNatsPerToken), b.Points.Max(p => p.LossNatsPerToken), style: SeriesStyle.DashedLine));
        return Charts.LogLog("Critical batch size from the gradient noise scale", "held-out loss (nats/token)", "B_simple (tokens)", [.. series]);
    }

    /// <summary>Figure 8: loss on Moby-Dick against loss on held-out addresses, the fitted line beside a constant offset.</summary>
    public static GenericChart Transfer(Transfer t)
    {
        double lo = t.Points.Min(p => p.ValLoss), hi = t.Points.Max(p => p.ValLoss);
        return Charts.Linear($"Transfer: {t.SplitName} = {t.Intercept:F2} + {t.Slope:F2} x val (offset {t.OffsetOfWeakest:F2} to {t.OffsetOfBest:F2} nats)",
            "held-out addresses loss (nats/token)", "Moby-Dick loss (nats/token)",
            new Series("runs", t.Points.Select(p => p.ValLoss).ToArray(), t.Points.Select(p => p.TransferLoss).ToArray()),
            new Series("least-squares line", [lo, hi], [t.Intercept + t.Slope * lo, t.Intercept + t.Slope * hi], SeriesStyle.Line),
            new Series("constant offset through the weakest model (slope 1)", [lo, hi], [lo + t.OffsetOfWeakest, hi + t.OffsetOfWeakest], SeriesStyle.DashedLine));
    }
}
