using Plotly.NET;
using Plotly.NET.CSharp;
using ScalingLaws.Plotting;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace ScalingLaws.Experiments.Mathematics;

/// <summary>One module's values against model size, for a panel of small multiples.</summary>
/// <param name="Module">The module.</param>
/// <param name="Series">Its series (e.g. interpolate and extrapolate).</param>
public sealed record ModulePanel(string Module, IReadOnlyList<Series> Series);

/// <summary>The charts of notebook 04.</summary>
public static class MathCharts
{
    /// <summary>
    /// Small multiples: one panel per module, each with its series against N (log x; log y when <paramref name="logY"/>),
    /// laid out <paramref name="columns"/> to a row.
    /// </summary>
    public static GenericChart SmallMultiples(string title, IReadOnlyList<ModulePanel> panels, string yTitle, bool logY, int columns = 4)
    {
        if (panels.Count == 0) throw new ArgumentException("No modules to draw.");
        var charts = panels.Select(panel => panel.Series.Count == 0
            ? CSharpChart.Invisible()
            : logY ? Charts.LogLog(panel.Module, "N", yTitle, [.. panel.Series]) : Charts.LogX(panel.Module, "N", yTitle, [.. panel.Series])).ToArray();
        int rows = (panels.Count + columns - 1) / columns;
        var grid = CSharpChart.Grid(charts, rows, columns, SubPlotTitles: panels.Select(p => p.Module).ToArray(), YGap: 0.45, XGap: 0.2)
            .WithSize(300 * columns, 260 * rows + 80);
        return Charts.WithTitle(grid, title);
    }
}
