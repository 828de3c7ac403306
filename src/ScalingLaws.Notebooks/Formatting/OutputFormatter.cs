using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace ScalingLaws.Notebooks.Formatting;

/// <summary>
/// Turns a displayed value into nbformat mime bundles as .NET Interactive would: text/plain and text/html
/// from Microsoft.DotNet.Interactive.Formatting, with the runner's own formatters for Plotly.NET charts and
/// Microsoft.Data.Analysis DataFrames (whose kernel extensions are not available here).
/// </summary>
public static class OutputFormatter
{
    /// <summary>Mime type to content for <paramref name="value"/>, limited to <paramref name="mimeTypes"/> when any are given.</summary>
    public static IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        var data = new Dictionary<string, string>();
        switch (value)
        {
            case null:
                data["text/plain"] = "<null>";
                break;
            case string s:
                data["text/plain"] = s;
                break;
            case GenericChart chart:
                var (html, text) = PlotlyChartHtml.Format(chart);
                data["text/html"] = html;
                data["text/plain"] = text;
                break;
            case DataFrame frame:
                data["text/html"] = DataFrameHtml.Table(frame);
                data["text/plain"] = frame.ToString();
                break;
            default:
                data["text/html"] = value.ToDisplayString("text/html");
                data["text/plain"] = value.ToDisplayString("text/plain");
                break;
        }
        if (mimeTypes is { Count: > 0 })
            foreach (var mime in data.Keys.Except(mimeTypes).ToList()) data.Remove(mime);
        return data;
    }
}
