using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Reporting;

namespace ScalingLaws.Notebooks.Report;

/// <summary>
/// NAME.summary.json: how the run went (status, failing cell, parameters, per-cell seconds) and the values the
/// notebook recorded with <see cref="NotebookSummary"/>, so tools and tests read results without parsing HTML.
/// </summary>
public static class RunSummaryJson
{
    /// <summary>The summary document for <paramref name="run"/>, with <paramref name="values"/> recorded by the notebook.</summary>
    public static string Write(NotebookRun run, JsonObject values)
    {
        var cells = new JsonArray();
        for (int i = 0; i < run.CellSeconds.Length; i++)
        {
            if (run.CellSeconds[i] is not { } seconds) continue;
            cells.Add(new JsonObject
            {
                ["cell"] = run.Notebook.CellNumbers[i],
                ["execution_count"] = run.Notebook.Document.Cells[i].ExecutionCount,
                ["seconds"] = Math.Round(seconds, 3),
            });
        }
        var json = new JsonObject
        {
            ["notebook"] = Path.GetFileName(run.Notebook.Path),
            ["status"] = run.Succeeded ? "ok" : "failed",
            ["failure"] = run.Failure is { } f
                ? new JsonObject { ["cell"] = run.FailedCellNumber, ["line"] = f.Line, ["error"] = f.ErrorName, ["message"] = f.Message }
                : null,
            ["allowed_errors"] = new JsonArray(run.AllowedErrors.Select(e => (JsonNode?)new JsonObject
            {
                ["cell"] = run.Notebook.CellNumbers[e.CellIndex],
                ["line"] = e.Failure.Line,
                ["error"] = e.Failure.ErrorName,
                ["message"] = e.Failure.Message,
            }).ToArray()),
            ["parameters"] = new JsonObject(run.Notebook.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["started_utc"] = run.StartedUtc.ToString("O"),
            ["duration_seconds"] = Math.Round(run.Duration.TotalSeconds, 3),
            ["cells"] = cells,
            ["values"] = values,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
