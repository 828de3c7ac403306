using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace ScalingLaws.Plotting;

/// <summary>
/// The chart builders every notebook shares: scaling data on log-log axes (a power law is a straight line
/// there), with fitted laws drawn through the measured points.
/// </summary>
public static class Charts
{
    /// <summary>A chart with both axes logarithmic: the natural view of a power law.</summary>
    public static GenericChart LogLog(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, xTitle, yTitle, StyleParam.AxisType.Log, StyleParam.AxisType.Log, series);

    /// <summary>A chart with a logarithmic x axis and a linear y axis (e.g. loss against log steps, or a spread in %).</summary>
    public static GenericChart LogX(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, xTitle, yTitle, StyleParam.AxisType.Log, StyleParam.AxisType.Linear, series);

    /// <summary>A chart with linear axes (e.g. one loss against another).</summary>
    public static GenericChart Linear(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, xTitle, yTitle, StyleParam.AxisType.Linear, StyleParam.AxisType.Linear, series);

    private static GenericChart Build(string title, string xTitle, string yTitle, StyleParam.AxisType xAxis, StyleParam.AxisType yAxis, Series[] series)
    {
        if (series.Length == 0) throw new ArgumentException($"Chart '{title}' needs at least one series.", nameof(series));
        var traces = series.Select(Trace).ToArray();
        var chart = CSharpChart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: xAxis)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: yAxis)
            .WithSize(Width: 760, Height: 480);
        return WithTitle(chart, title);
    }

    private static GenericChart Trace(Series s)
    {
        if (s.X.Count != s.Y.Count)
            throw new ArgumentException($"Series '{s.Name}' has {s.X.Count} x values but {s.Y.Count} y values.");
        return s.Style switch
        {
            SeriesStyle.Points => CSharpChart.Point<double, double, string>(s.X, s.Y, Name: s.Name),
            SeriesStyle.Line => CSharpChart.Line<double, double, string>(s.X, s.Y, Name: s.Name),
            SeriesStyle.PointsAndLine => CSharpChart.Line<double, double, string>(s.X, s.Y, Name: s.Name, ShowMarkers: true),
            SeriesStyle.DashedLine => CSharpChart.Line<double, double, string>(s.X, s.Y, Name: s.Name,
                LineDash: StyleParam.DrawingStyle.Dash),
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Style, "Unknown series style."),
        };
    }

    /// <summary>Sets a chart's title (Plotly.NET.CSharp has no wrapper for it; this calls the F# core).</summary>
    public static GenericChart WithTitle(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(Title.init(FSharpOption<string>.Some(title), null, null, null, null, null, null, null, null, null, null, null))
            .Invoke(chart);
}
