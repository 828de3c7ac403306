using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Execution;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// The kernel's output sink: each output the engine produces is published on iopub at once, as the message Jupyter
/// frontends render (stream, display_data, execute_result, error, update_display_data), answering the execute request.
/// </summary>
public sealed class IopubOutputSink(KernelChannels channels, JupyterMessage request) : ICellOutputSink
{
    /// <summary>The error the cell ended with, for the execute_reply.</summary>
    public CellOutput? Error { get; private set; }

    /// <inheritdoc />
    public void Write(CellOutput output)
    {
        JsonObject content;
        switch (output.OutputType)
        {
            case "stream":
                content = new JsonObject { ["name"] = output.StreamName, ["text"] = output.Text };
                break;
            case "execute_result":
                content = new JsonObject { ["execution_count"] = output.ExecutionCount, ["data"] = Bundle(output.Data), ["metadata"] = new JsonObject() };
                break;
            case "error":
                Error = output;
                content = new JsonObject
                {
                    ["ename"] = output.ErrorName,
                    ["evalue"] = output.ErrorValue,
                    ["traceback"] = new JsonArray(output.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                };
                break;
            default:
                content = new JsonObject { ["data"] = Bundle(output.Data), ["metadata"] = new JsonObject(), ["transient"] = Transient(output.DisplayId) };
                break;
        }
        channels.Publish(JupyterMessage.Create(output.OutputType, content, request, channels.Session));
    }

    /// <inheritdoc />
    public void Update(string displayId, IReadOnlyDictionary<string, string> data) =>
        channels.Publish(JupyterMessage.Create("update_display_data",
            new JsonObject { ["data"] = Bundle(data), ["metadata"] = new JsonObject(), ["transient"] = Transient(displayId) },
            request, channels.Session));

    /// <summary>A mime bundle as the protocol sends it: JSON mime types as JSON, the rest as strings.</summary>
    public static JsonObject Bundle(IReadOnlyDictionary<string, string> data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, content) in data)
            bundle[mime] = NotebookJson.IsJsonMimeType(mime) ? JsonNode.Parse(content) : JsonValue.Create(content);
        return bundle;
    }

    private static JsonObject Transient(string? displayId) => displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId };
}

/// <summary>Outputs of a silent execute request: the protocol says none are broadcast.</summary>
public sealed class DiscardedOutputs : ICellOutputSink
{
    /// <inheritdoc />
    public void Write(CellOutput output) { }

    /// <inheritdoc />
    public void Update(string displayId, IReadOnlyDictionary<string, string> data) { }
}
