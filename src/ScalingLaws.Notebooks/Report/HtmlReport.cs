using System.Globalization;
using System.Net;
using System.Text;
using Markdig;
using ScalingLaws.Notebooks.Formatting;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Report;

/// <summary>
/// The standalone report of a run: markdown rendered with Markdig, code, outputs and charts, execution counts
/// and per-cell times. plotly.js is embedded once, in the head, when the page has a chart, so the page
/// renders offline; chart fragments find it already loaded and never reach for a CDN.
/// </summary>
public static class HtmlReport
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The report page.</summary>
    public static string Write(NotebookRun run)
    {
        var doc = run.Notebook.Document;
        var body = new StringBuilder();
        bool hasChart = false;
        for (int i = 0; i < doc.Cells.Count; i++)
        {
            var cell = doc.Cells[i];
            switch (cell.CellType)
            {
                case "markdown":
                    body.Append("<section class=\"cell markdown\">\n").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</section>\n");
                    break;
                case "code":
                    body.Append(CodeCell(run, i, ref hasChart));
                    break;
            }
        }

        string title = Encode(Path.GetFileName(run.Notebook.Path));
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"generator\" content=\"scaling notebook run\">\n")
            .Append($"<title>{title}</title>\n<style>\n{Css}</style>\n");
        if (hasChart)
            page.Append("<script type=\"text/javascript\">/* plotly.js ").Append(PlotlyChartHtml.PlotlyJsVersion)
                .Append(", embedded from Plotly.NET */\n").Append(Report.PlotlyJs.Script).Append("\n</script>\n");
        page.Append("</head>\n<body>\n<header>\n")
            .Append($"<h1>{title}</h1>\n<p class=\"run {(run.Succeeded ? "ok" : "failed")}\">")
            .Append(run.Succeeded ? "Every cell ran" : Encode(run.SummaryLine))
            .Append($" &middot; {run.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s")
            .Append($" &middot; {run.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        if (run.Notebook.Parameters.Count > 0)
            page.Append(" &middot; parameters: ").Append(Encode(string.Join(", ", run.Notebook.Parameters.Select(p => $"{p.Key}={p.Value}"))));
        page.Append("</p>\n</header>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string CodeCell(NotebookRun run, int index, ref bool hasChart)
    {
        var cell = run.Notebook.Document.Cells[index];
        int? number = run.Notebook.CellNumbers[index];
        var html = new StringBuilder();
        string css = index == run.FailedCellIndex ? "cell code failed" : run.CellSeconds[index] is null ? "cell code not-run" : "cell code";
        html.Append($"<section class=\"{css}\"{(number is { } n ? $" id=\"cell-{n}\"" : "")}>\n<div class=\"cell-head\">")
            .Append($"In [{cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " "}]")
            .Append(number is { } k ? $" &middot; cell {k}" : " &middot; injected parameters")
            .Append(run.CellSeconds[index] is { } s ? $" &middot; {s.ToString("F2", CultureInfo.InvariantCulture)} s" : " &middot; not run")
            .Append("</div>\n<pre class=\"source\"><code>").Append(Encode(cell.Source)).Append("</code></pre>\n");
        foreach (var output in cell.Outputs)
        {
            switch (output.OutputType)
            {
                case "stream":
                    html.Append($"<pre class=\"output stream {output.StreamName}\">").Append(Encode(output.Text ?? "")).Append("</pre>\n");
                    break;
                case "error":
                    html.Append("<pre class=\"output error\">").Append(Encode(string.Join("\n", output.Traceback))).Append("</pre>\n");
                    break;
                default:
                    if (output.Data.TryGetValue("text/html", out var fragment))
                    {
                        // The page has plotly.js in its head already.
                        if (fragment.Contains(PlotlyChartHtml.LoaderMarker, StringComparison.Ordinal)) break;
                        hasChart |= fragment.Contains(PlotlyChartHtml.ChartClass, StringComparison.Ordinal);
                        html.Append("<div class=\"output html\">").Append(fragment).Append("</div>\n");
                    }
                    else if (output.Data.TryGetValue("text/plain", out var text))
                        html.Append("<pre class=\"output text\">").Append(Encode(text)).Append("</pre>\n");
                    break;
            }
        }
        return html.Append("</section>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #1f2328; }
        header h1 { margin-bottom: 0.2rem; }
        .run.ok { color: #1a7f37; } .run.failed { color: #cf222e; font-weight: bold; }
        .cell { margin: 1.2rem 0; }
        .cell.code { border-left: 3px solid #d0d7de; padding-left: 0.8rem; }
        .cell.failed { border-left-color: #cf222e; } .cell.not-run { opacity: 0.55; }
        .cell-head { font-size: 0.8rem; color: #57606a; margin-bottom: 0.2rem; }
        pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; font-size: 0.85rem; margin: 0.3rem 0; }
        pre.output { background: #fff; border: 1px solid #eaeef2; }
        pre.stderr { color: #9a6700; } pre.error { color: #cf222e; background: #fff5f5; }
        table.scaling-dataframe { border-collapse: collapse; font-size: 0.85rem; }
        table.scaling-dataframe th, table.scaling-dataframe td { border: 1px solid #d0d7de; padding: 0.2rem 0.5rem; text-align: right; }
        .scaling-dataframe-size { font-size: 0.8rem; color: #57606a; }

        """;
}
