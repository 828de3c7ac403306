using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Jupyter;
using ScalingLaws.Notebooks.Tests.Report;
using Xunit.Abstractions;

namespace ScalingLaws.Notebooks.Tests.Jupyter;

/// <summary>
/// Debian's classic Jupyter Notebook server driven in headless Chromium, as a person would use it: open notebook 00,
/// which starts this kernel by its metadata alone, run all cells, and check that every chart drew its traces and no
/// cell failed. A screenshot of the first chart is kept.
/// </summary>
public class ClassicNotebookBrowserTests(ITestOutputHelper output)
{
    // Per chart div: traces in the figure and traces plotly drew into its SVG.
    private const string ChartsScript = """
        Array.from(document.querySelectorAll('.scaling-plotly-chart')).map(div => ({
            expected: Number(div.dataset.traceCount),
            drawn: div.querySelectorAll('svg.main-svg g.trace').length
        }))
        """;

    private const string StateScript = """
        (() => {
            const nb = window.Jupyter && Jupyter.notebook;
            if (!nb || !nb.kernel) return { ready: false };
            const code = nb.get_cells().filter(c => c.cell_type === 'code');
            return {
                ready: nb.kernel.is_connected(),
                kernel: nb.kernel.name,
                done: code.every(c => typeof c.input_prompt_number === 'number'),
                idle: document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null,
                errors: document.querySelectorAll('.output_error').length,
                tables: document.querySelectorAll('.output_html table').length
            };
        })()
        """;

    [Fact]
    public async Task Notebook_00_runs_all_cells_in_the_classic_notebook_and_every_chart_draws()
    {
        if (Environment.GetEnvironmentVariable("SCALING_SKIP_BROWSER_TESTS") == "1" || !JupyterClients.Available("notebook")) return;
        Assert.True(File.Exists(HeadlessChromium.Executable),
            $"{HeadlessChromium.Executable} is missing: install Debian's chromium (`apt-get install -y chromium`, as .ci/run does), " +
            "or set SCALING_SKIP_BROWSER_TESTS=1 to skip this test knowingly.");

        // A copy of the notebook (the server may autosave it) beside a link to src/, which its #r line reaches.
        string root = Path.Combine(Path.GetTempPath(), "scaling-classic-notebook", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        File.Copy(RepositoryNotebookRuns.NotebookPath("00-getting-started"), Path.Combine(root, "notebooks", "00-getting-started.ipynb"));
        Directory.CreateSymbolicLink(Path.Combine(root, "src"), Path.Combine(JupyterClients.RepositoryRoot(), "src"));

        int port = FreePort();
        using var server = StartServer(root, port);
        try
        {
            await WaitForServer(port, server);
            await using var browser = await HeadlessChromium.StartAsync();
            await browser.NavigateAsync($"http://127.0.0.1:{port}/notebooks/notebooks/00-getting-started.ipynb");

            var state = await WaitFor(browser, StateScript, s => s["ready"]!.GetValue<bool>(), TimeSpan.FromMinutes(2), "the kernel to connect");
            Assert.Equal(KernelSpec.Name, state["kernel"]!.GetValue<string>());
            await browser.EvaluateAsync("Jupyter.notebook.execute_all_cells(), true");
            state = await WaitFor(browser, StateScript, s => s["done"]!.GetValue<bool>() && s["idle"]!.GetValue<bool>(), TimeSpan.FromMinutes(5), "every cell to run");
            var charts = await WaitFor(browser, ChartsScript, c => c.AsArray().Count > 0 && c.AsArray().All(x => x!["drawn"]!.GetValue<int>() == x["expected"]!.GetValue<int>()),
                TimeSpan.FromSeconds(30), "the charts to draw");

            await browser.EvaluateAsync("document.querySelector('.scaling-plotly-chart').scrollIntoView(), true");
            string screenshot = Path.Combine(AppContext.BaseDirectory, "classic-notebook-00.png");
            await browser.ScreenshotAsync(screenshot);
            output.WriteLine($"screenshot: {screenshot}");

            Assert.Equal(0, state["errors"]!.GetValue<int>());
            Assert.True(state["tables"]!.GetValue<int>() >= 1, "the DataFrame did not show as a table");
            Assert.All(charts.AsArray(), c => Assert.True(c!["expected"]!.GetValue<int>() > 0));
            // The notebook page itself asks for the ipywidgets extension, which Debian's jupyter-notebook does not ship:
            // the server's 404 for it (and the refusal to run that 404 page as a script) is not ours.
            var errors = browser.Errors.Where(e => !e.Contains("/nbextensions/widgets/notebook/js/extension.js", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.True(new FileInfo(screenshot).Length > 10_000);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static Process StartServer(string root, int port)
    {
        var start = new ProcessStartInfo(JupyterClients.Python,
            ["-m", "notebook", "--no-browser", "--ip=127.0.0.1", $"--port={port}", $"--notebook-dir={root}",
             "--NotebookApp.token=", "--NotebookApp.password=", "--NotebookApp.open_browser=False", "--allow-root"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["JUPYTER_PATH"] = JupyterClients.JupyterPath;
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(root, ".jupyter-config");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(root, ".jupyter-runtime");
        var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    private static async Task WaitForServer(int port, Process server)
    {
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            Assert.False(server.HasExited, $"the notebook server exited with code {(server.HasExited ? server.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/api")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
        Assert.Fail("the notebook server did not answer within a minute");
    }

    private static async Task<JsonNode> WaitFor(HeadlessChromium browser, string script, Func<JsonNode, bool> done, TimeSpan patience, string what)
    {
        JsonNode? last = null;
        for (var deadline = DateTime.UtcNow + patience; DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            last = await browser.EvaluateAsync(script);
            if (last is not null && done(last)) return last;
        }
        throw new Xunit.Sdk.XunitException($"waited {patience} for {what}; last state {last?.ToJsonString()}; page errors: {string.Join("; ", browser.Errors)}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
