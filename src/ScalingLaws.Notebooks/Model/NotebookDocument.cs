using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Model;

/// <summary>An nbformat 4 notebook: notebook-level metadata and the cells in order.</summary>
/// <remarks>Metadata objects are kept as JSON so keys this runner does not know survive a round trip.</remarks>
public sealed class NotebookDocument
{
    /// <summary>nbformat major version; always 4 here.</summary>
    public const int Nbformat = 4;

    /// <summary>nbformat minor version of the file read (4.5 and later require cell ids).</summary>
    public int NbformatMinor { get; set; } = 5;

    /// <summary>Notebook metadata (kernelspec, language_info, and anything else the file carried).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>Cells in notebook order.</summary>
    public List<NotebookCell> Cells { get; } = new();

    /// <summary>The kernelspec name (".net-csharp" for .NET Interactive C# notebooks), or null.</summary>
    public string? KernelName => (Metadata["kernelspec"] as JsonObject)?["name"]?.GetValue<string>();
}

/// <summary>One cell: markdown, code or raw.</summary>
public sealed class NotebookCell
{
    /// <summary>"markdown", "code" or "raw".</summary>
    public required string CellType { get; init; }

    /// <summary>The cell id (required from nbformat 4.5); null when the file had none.</summary>
    public string? Id { get; set; }

    /// <summary>The cell's source text, lines joined with '\n'.</summary>
    public string Source { get; set; } = "";

    /// <summary>Cell metadata (tags, dotnet_interactive/polyglot_notebook language, timings).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>Outputs of a code cell, in the order they were produced.</summary>
    public List<CellOutput> Outputs { get; } = new();

    /// <summary>Execution count of a code cell; null when it did not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>True when this is a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>Tags from <c>metadata.tags</c>.</summary>
    public IReadOnlyList<string> Tags =>
        (Metadata["tags"] as JsonArray)?.Select(t => t?.GetValue<string>()).OfType<string>().ToList() ?? new List<string>();

    /// <summary>The C#-kernel cell metadata .NET Interactive and Polyglot Notebooks write on every code cell.</summary>
    public static JsonObject CSharpCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
    };
}

/// <summary>One output of a code cell, as nbformat 4 defines them.</summary>
/// <param name="OutputType">"stream", "display_data", "execute_result" or "error".</param>
public sealed record CellOutput(string OutputType)
{
    /// <summary>Stream name ("stdout" or "stderr") of a stream output.</summary>
    public string? StreamName { get; init; }

    /// <summary>Text of a stream output.</summary>
    public string? Text { get; init; }

    /// <summary>Mime type to content, for display_data and execute_result.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>Execution count of an execute_result.</summary>
    public int? ExecutionCount { get; init; }

    /// <summary>Exception type name of an error output.</summary>
    public string? ErrorName { get; init; }

    /// <summary>Exception message of an error output.</summary>
    public string? ErrorValue { get; init; }

    /// <summary>Traceback lines of an error output.</summary>
    public IReadOnlyList<string> Traceback { get; init; } = Array.Empty<string>();

    /// <summary>The display id of a display_data output that can be updated in place (transient: not saved in the file).</summary>
    public string? DisplayId { get; init; }

    /// <summary>A stdout or stderr stream output.</summary>
    public static CellOutput Stream(string name, string text) => new("stream") { StreamName = name, Text = text };

    /// <summary>A display_data output (from <c>display(x)</c>).</summary>
    public static CellOutput Display(IReadOnlyDictionary<string, string> data, string? displayId = null) =>
        new("display_data") { Data = data, DisplayId = displayId };

    /// <summary>An execute_result output (the value of the cell's last expression).</summary>
    public static CellOutput Result(IReadOnlyDictionary<string, string> data, int executionCount) =>
        new("execute_result") { Data = data, ExecutionCount = executionCount };

    /// <summary>An error output.</summary>
    public static CellOutput Error(string name, string value, IReadOnlyList<string> traceback) =>
        new("error") { ErrorName = name, ErrorValue = value, Traceback = traceback };
}
