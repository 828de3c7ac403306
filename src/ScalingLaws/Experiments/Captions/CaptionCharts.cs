using Plotly.NET;
using ScalingLaws.Information;
using ScalingLaws.Plotting;

namespace ScalingLaws.Experiments.Captions;

/// <summary>One size's mutual-information estimate for a chart.</summary>
/// <param name="N">Non-embedding parameters.</param>
/// <param name="Estimate">The estimate with its interval.</param>
public sealed record MutualInformationPoint(double N, MutualInformation Estimate);

/// <summary>The charts of notebook 03.</summary>
public static class CaptionCharts
{
    /// <summary>
    /// Mutual information against model size (log N): each series' estimates with their 95% intervals (dashed), the
    /// exact value or the bounds where known, and the λ log(N / N_c) fit where given.
    /// </summary>
    public static GenericChart MutualInformation(string title, IReadOnlyDictionary<string, IReadOnlyList<MutualInformationPoint>> series,
        IReadOnlyList<(string Name, double Nats)> references, (double Lambda, double NC, double From, double To)? logFit = null)
    {
        var all = new List<Series>();
        foreach (var (name, points) in series)
        {
            if (points.Count == 0) continue;
            var x = points.Select(p => p.N).ToArray();
            all.Add(new Series(name, x, points.Select(p => p.Estimate.Nats).ToArray(), SeriesStyle.PointsAndLine));
            all.Add(new Series($"{name}: 95% interval", x.Concat(x.Reverse()).ToArray(),
                points.Select(p => p.Estimate.Interval.Lower).Concat(points.Select(p => p.Estimate.Interval.Upper).Reverse()).ToArray(), SeriesStyle.DashedLine));
        }
        var xs = series.Values.SelectMany(p => p.Select(q => q.N)).ToArray();
        double lo = xs.Min() / 1.5, hi = xs.Max() * 1.5;
        foreach (var (name, nats) in references) all.Add(Series.Curve(name, _ => nats, lo, hi, 2, SeriesStyle.DashedLine));
        if (logFit is { } f)
            all.Add(Series.Curve($"{f.Lambda:F2} ln(N / {f.NC:G2})", n => f.Lambda * Math.Log(n / f.NC), f.From, f.To));
        return Charts.LogX(title, "N (non-embedding parameters)", "mutual information (nats per pair)", [.. all]);
    }

    /// <summary>A quantity against log N, one series each (infogain, words worth, region losses).</summary>
    public static GenericChart AgainstSize(string title, string yTitle, bool logY, params Series[] series) =>
        logY ? Charts.LogLog(title, "N (non-embedding parameters)", yTitle, series) : Charts.LogX(title, "N (non-embedding parameters)", yTitle, series);
}
