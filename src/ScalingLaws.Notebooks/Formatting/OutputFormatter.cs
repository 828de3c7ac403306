using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace ScalingLaws.Notebooks.Formatting;

/// <summary>
/// Turns a displayed value into a notebook mime bundle as .NET Interactive would, in both front ends: formatters a
/// notebook registered (<c>Formatter.Register&lt;T&gt;</c>) and its preferred mime types
/// (<c>Formatter.SetPreferredMimeTypesFor</c>) win; otherwise Plotly.NET charts and Microsoft.Data.Analysis
/// DataFrames get the engine's own formatters (their .NET Interactive extensions are not available here), and
/// everything else Microsoft.DotNet.Interactive.Formatting's defaults. text/plain is always there unless the
/// caller or the notebook asked for other types only.
/// </summary>
public static class OutputFormatter
{
    private const string PlainText = "text/plain";
    private const string Html = "text/html";

    /// <summary>Mime type to content for <paramref name="value"/>, limited to <paramref name="mimeTypes"/> when any are given.</summary>
    public static IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        if (value is null) return new Dictionary<string, string> { [PlainText] = "<null>" };
        if (value is string s) return new Dictionary<string, string> { [PlainText] = s };

        var type = value.GetType();
        var wanted = mimeTypes is { Count: > 0 } ? mimeTypes.ToHashSet() : PreferredMimeTypes(type);
        Dictionary<string, string> data;
        if (HasRegisteredFormatter(type))
            data = wanted.ToDictionary(mime => mime, value.ToDisplayString);
        else
        {
            data = value switch
            {
                GenericChart chart => PlotlyChartHtml.Format(chart),
                DataFrame frame => new() { [Html] = DataFrameHtml.Table(frame), [PlainText] = frame.ToString() },
                _ => new() { [Html] = value.ToDisplayString(Html), [PlainText] = value.ToDisplayString(PlainText) },
            };
            // The figure JSON goes with the chart's HTML: a frontend picks the richest one it renders.
            if (wanted.Contains(Html)) wanted.Add(PlotlyChartHtml.PlotlyMimeType);
            foreach (var mime in data.Keys.Except(wanted).ToList()) data.Remove(mime);
            foreach (var mime in wanted.Except(data.Keys).Where(m => m != PlotlyChartHtml.PlotlyMimeType).ToList()) data[mime] = value.ToDisplayString(mime);
        }
        return data;
    }

    // What the notebook asked for with Formatter.SetPreferredMimeTypesFor (text/html by default), and text/plain.
    private static HashSet<string> PreferredMimeTypes(Type type)
    {
        var preferred = Formatter.GetPreferredMimeTypesFor(type).ToHashSet();
        if (preferred.Count == 0) preferred.Add(Html);
        preferred.Add(PlainText);
        return preferred;
    }

    private static bool HasRegisteredFormatter(Type type) =>
        Formatter.RegisteredFormatters(includeDefaults: false).Any(f => f.Type.IsAssignableFrom(type) && f.Type != typeof(object));
}
