using System.Net;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace ScalingLaws.Notebooks.Formatting;

/// <summary>
/// A Plotly.NET chart as an HTML fragment: a div and a script that draws it with the page's plotly.js.
/// Plotly.NET 6's own notebook formatter writes a placeholder, and its HTML helpers reference plotly.js on a
/// CDN; the runner writes the figure JSON itself so the report can supply plotly.js once, offline.
/// </summary>
public static class PlotlyChartHtml
{
    /// <summary>The CSS class on every chart div; the report and the browser test find charts by it.</summary>
    public const string ChartClass = "scaling-plotly-chart";

    /// <summary>plotly.js version bundled in Plotly.NET 6.0.0, used only when a notebook UI has no plotly.js yet.</summary>
    public const string PlotlyJsVersion = "2.28.0";

    /// <summary>
    /// The fragment. Where the page already has plotly.js (the runner's HTML report) it draws at once; in a
    /// notebook UI without it (Jupyter, VS Code) it loads plotly.js from the CDN first, as .NET Interactive does.
    /// </summary>
    public static string Fragment(GenericChart chart) => Fragment(Figure(chart));

    /// <summary>The chart as HTML and as plain text, from one serialisation of the figure.</summary>
    public static (string Html, string PlainText) Format(GenericChart chart)
    {
        var figure = Figure(chart);
        return (Fragment(figure), PlainText(figure));
    }

    private static JsonObject Figure(GenericChart chart) => JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();

    private static string Fragment(JsonObject figure)
    {
        int traces = (figure["data"] as JsonArray)?.Count ?? 0;
        string id = "chart-" + Guid.NewGuid().ToString("N")[..12];
        string json = figure.ToJsonString();
        return
            $"<div id=\"{id}\" class=\"{ChartClass}\" data-trace-count=\"{traces}\"></div>\n" +
            "<script type=\"text/javascript\">\n" +
            "(function () {\n" +
            $"  var figure = {json.Replace("</", "<\\/", StringComparison.Ordinal)};\n" +
            $"  var draw = function () {{ Plotly.newPlot('{id}', figure.data, figure.layout || {{}}, figure.config || {{}}); }};\n" +
            "  if (window.Plotly) { draw(); return; }\n" +
            "  var script = document.createElement('script');\n" +
            $"  script.src = 'https://cdn.plot.ly/plotly-{PlotlyJsVersion}.min.js';\n" +
            "  script.onload = draw;\n" +
            "  document.head.appendChild(script);\n" +
            "})();\n" +
            "</script>";
    }

    /// <summary>Plain-text stand-in for the chart (what a text-only viewer shows).</summary>
    public static string PlainText(GenericChart chart) => PlainText(Figure(chart));

    private static string PlainText(JsonObject figure)
    {
        int traces = (figure["data"] as JsonArray)?.Count ?? 0;
        string? title = figure["layout"]?["title"]?["text"]?.GetValue<string>();
        return $"Plotly chart{(title is null ? "" : $" \"{WebUtility.HtmlDecode(title)}\"")} with {traces} trace{(traces == 1 ? "" : "s")}";
    }
}
