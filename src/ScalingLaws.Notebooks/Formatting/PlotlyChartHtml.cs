using System.Net;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace ScalingLaws.Notebooks.Formatting;

/// <summary>
/// A Plotly.NET chart as notebook output: the figure JSON (Plotly's own mime type, which JupyterLab and VS Code
/// render natively), an HTML fragment that draws it with the page's plotly.js, and a plain-text stand-in.
/// Plotly.NET 6's own notebook formatter writes a placeholder and its HTML helpers reference plotly.js on a CDN, so
/// the engine writes the figure itself and sends plotly.js to the page once (<see cref="PlotlyJsLoader"/>), offline.
/// </summary>
public static class PlotlyChartHtml
{
    /// <summary>The CSS class on every chart div; the report and the browser tests find charts by it.</summary>
    public const string ChartClass = "scaling-plotly-chart";

    /// <summary>Plotly's mime type for a figure (data, layout, config) as JSON.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    /// <summary>plotly.js version bundled in Plotly.NET 6.0.0.</summary>
    public const string PlotlyJsVersion = "2.28.0";

    /// <summary>Marks the output that loads plotly.js; the HTML report, which has plotly.js in its head, leaves it out.</summary>
    public const string LoaderMarker = "data-scaling-plotlyjs";

    /// <summary>The chart's mime bundle: figure JSON, HTML fragment and plain text, from one serialisation.</summary>
    public static Dictionary<string, string> Format(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();
        return new Dictionary<string, string>
        {
            [PlotlyMimeType] = figure.ToJsonString(),
            ["text/html"] = Fragment(figure),
            ["text/plain"] = PlainText(figure),
        };
    }

    /// <summary>
    /// The output that puts plotly.js on the notebook page, sent before the first chart of a session. Inside a function
    /// that hides AMD's <c>define</c> (classic Jupyter has require.js, with which plotly.js would register as an
    /// anonymous module instead of setting <c>window.Plotly</c>).
    /// </summary>
    public static Dictionary<string, string> PlotlyJsLoader() => new()
    {
        ["text/html"] =
            $"<script type=\"text/javascript\" {LoaderMarker}=\"{PlotlyJsVersion}\">\n" +
            "(function () {\n  if (window.Plotly) return;\n  var define, module, exports;\n" +
            Report.PlotlyJs.Script +
            "\n}).call(window);\n</script>",
        ["text/plain"] = $"(plotly.js {PlotlyJsVersion} for the charts below, sent once per session)",
    };

    private static string Fragment(JsonObject figure)
    {
        int traces = (figure["data"] as JsonArray)?.Count ?? 0;
        string id = "chart-" + Guid.NewGuid().ToString("N")[..12];
        string json = figure.ToJsonString();
        // plotly.js is on the page already (the report's head, or the session's loader output); a page that lacks it
        // (outputs of an untrusted notebook) says so instead of reaching for a CDN.
        return
            $"<div id=\"{id}\" class=\"{ChartClass}\" data-trace-count=\"{traces}\"></div>\n" +
            "<script type=\"text/javascript\">\n" +
            "(function () {\n" +
            $"  var figure = {json.Replace("</", "<\\/", StringComparison.Ordinal)};\n" +
            "  var tries = 0;\n" +
            "  var draw = function () {\n" +
            $"    var div = document.getElementById('{id}');\n" +
            "    if (!div) return;\n" +
            "    if (window.Plotly) { window.Plotly.newPlot(div, figure.data, figure.layout || {}, figure.config || {}); return; }\n" +
            "    if (++tries < 100) { setTimeout(draw, 100); return; }\n" +
            "    div.textContent = 'This chart needs plotly.js, which the notebook loads with its first chart: run the notebook again.';\n" +
            "  };\n" +
            "  draw();\n" +
            "})();\n" +
            "</script>";
    }

    private static string PlainText(JsonObject figure)
    {
        int traces = (figure["data"] as JsonArray)?.Count ?? 0;
        string? title = figure["layout"]?["title"]?["text"]?.GetValue<string>();
        return $"Plotly chart{(title is null ? "" : $" \"{WebUtility.HtmlDecode(title)}\"")} with {traces} trace{(traces == 1 ? "" : "s")}";
    }
}
