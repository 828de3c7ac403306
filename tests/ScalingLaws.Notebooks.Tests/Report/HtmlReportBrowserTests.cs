using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Tests.Report;

/// <summary>A generated report opened in headless Chromium: every chart drew its traces, offline, with no errors.</summary>
public class HtmlReportBrowserTests
{
    // Per chart div: traces in the figure, traces plotly drew into its SVG, and whether the SVG exists.
    private const string ChartsScript = """
        Array.from(document.querySelectorAll('.scaling-plotly-chart')).map(div => ({
            expected: Number(div.dataset.traceCount),
            drawn: div.querySelectorAll('svg.main-svg g.trace').length,
            svg: div.querySelector('svg.main-svg') !== null
        }))
        """;

    [Fact]
    public async Task Report_charts_render_offline_with_their_traces_and_no_errors()
    {
        if (Environment.GetEnvironmentVariable("SCALING_SKIP_BROWSER_TESTS") == "1") return;
        Assert.True(File.Exists(HeadlessChromium.Executable),
            $"{HeadlessChromium.Executable} is missing: install Debian's chromium (`apt-get install -y chromium`, as .ci/run does), " +
            "or set SCALING_SKIP_BROWSER_TESTS=1 to skip this test knowingly.");

        string outDir = Fixtures.NewOutputDirectory();
        var run = await NotebookRunner.RunAsync(PreparedNotebook.Load(Fixtures.Path("display.ipynb"), new Dictionary<string, string>()), new NotebookRunOptions { OutputDirectory = outDir });
        Assert.True(run.Succeeded, run.SummaryLine);
        string report = Path.Combine(outDir, "display.html");

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(report).AbsoluteUri);
        JsonArray charts = new();
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            charts = (await browser.EvaluateAsync(ChartsScript))!.AsArray();
            if (charts.Count > 0 && charts.All(c => c!["drawn"]!.GetValue<int>() == c["expected"]!.GetValue<int>())) break;
        }

        Assert.Equal([2, 1], charts.Select(c => c!["expected"]!.GetValue<int>()));
        Assert.All(charts, c => Assert.True(c!["svg"]!.GetValue<bool>()));
        Assert.Equal([2, 1], charts.Select(c => c!["drawn"]!.GetValue<int>()));
        Assert.Equal(1, (await browser.EvaluateAsync("document.querySelectorAll('table.scaling-dataframe').length"))!.GetValue<int>());
        Assert.Empty(browser.Errors);
        // Offline: only the report itself and inline data: URLs (plotly probes image support with one).
        Assert.All(browser.Requests, url => Assert.True(url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
    }
}
