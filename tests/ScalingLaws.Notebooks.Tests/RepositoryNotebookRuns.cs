using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Tests;

/// <summary>
/// The repository's notebooks run once per test session by the headless runner at their default (smoke) preset; the
/// kernel and export tests compare their numbers with these.
/// </summary>
internal static class RepositoryNotebookRuns
{
    private static readonly Dictionary<string, Task<(JsonNode Values, string Executed)>> Runs = [];

    public static string NotebookPath(string name) => Path.Combine(Jupyter.JupyterClients.RepositoryRoot(), "notebooks", name + ".ipynb");

    /// <summary>The "values" the runner's NAME.summary.json recorded.</summary>
    public static async Task<JsonNode> SummaryValues(string name) => (await Run(name)).Values;

    /// <summary>The runner's executed NAME.ipynb.</summary>
    public static async Task<string> ExecutedNotebook(string name) => (await Run(name)).Executed;

    private static Task<(JsonNode Values, string Executed)> Run(string name)
    {
        lock (Runs)
        {
            if (!Runs.TryGetValue(name, out var run)) Runs[name] = run = RunAsync(name);
            return run;
        }
    }

    private static async Task<(JsonNode Values, string Executed)> RunAsync(string name)
    {
        string outDir = Fixtures.NewOutputDirectory();
        var run = await NotebookRunner.RunAsync(PreparedNotebook.Load(NotebookPath(name), new Dictionary<string, string>()), new NotebookRunOptions { OutputDirectory = outDir });
        Assert.True(run.Succeeded, run.SummaryLine);
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, name + ".summary.json")))!["values"]!, Path.Combine(outDir, name + ".ipynb"));
    }
}
