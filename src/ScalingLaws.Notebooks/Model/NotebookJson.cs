using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Model;

/// <summary>Reads and writes nbformat 4 notebooks with System.Text.Json.</summary>
public static class NotebookJson
{
    // As Jupyter writes notebooks: UTF-8 as is, and no \u003C for every '<' (plotly.js and chart HTML are full of them;
    // escaping them made an executed notebook 01 a fifth larger).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a notebook file; throws <see cref="NotebookInputException"/> naming the file when it is not nbformat 4.</summary>
    public static NotebookDocument ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new NotebookInputException($"Notebook not found: {path}. Give the path of an existing .ipynb file.");
        string text = File.ReadAllText(path);
        try
        {
            return Parse(text);
        }
        catch (NotebookInputException e)
        {
            throw new NotebookInputException($"{path} is not a valid nbformat 4 notebook: {e.Message}");
        }
    }

    /// <summary>Parses notebook JSON text; throws <see cref="NotebookInputException"/> describing what is missing.</summary>
    public static NotebookDocument Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NotebookInputException($"it is not JSON ({e.Message}). A notebook is the JSON file Jupyter, VS Code or .NET Interactive save as .ipynb.");
        }
        if (root is not JsonObject obj)
            throw new NotebookInputException("the top level is not a JSON object with \"cells\", \"metadata\", \"nbformat\"");
        if (obj["nbformat"] is not JsonValue major || !major.TryGetValue(out int nbformat) || nbformat != NotebookDocument.Nbformat)
            throw new NotebookInputException($"\"nbformat\" is {obj["nbformat"]?.ToJsonString() ?? "missing"}, expected 4 (re-save it with a current Jupyter or VS Code)");
        if (obj["cells"] is not JsonArray cells)
            throw new NotebookInputException("it has no \"cells\" array");

        var doc = new NotebookDocument
        {
            NbformatMinor = obj["nbformat_minor"] is JsonValue minor && minor.TryGetValue(out int m) ? m : 4,
            Metadata = obj["metadata"]?.DeepClone() as JsonObject ?? new JsonObject(),
        };
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValue<string>() is not { } type)
                throw new NotebookInputException($"cell {i + 1} has no \"cell_type\"");
            var parsed = new NotebookCell
            {
                CellType = type,
                Id = cell["id"]?.GetValue<string>(),
                Source = ReadMultiline(cell["source"]),
                Metadata = cell["metadata"]?.DeepClone() as JsonObject ?? new JsonObject(),
            };
            if (parsed.IsCode)
            {
                parsed.ExecutionCount = cell["execution_count"] is JsonValue count && count.TryGetValue(out int c) ? c : null;
                foreach (var output in cell["outputs"] as JsonArray ?? new JsonArray())
                    if (output is JsonObject o) parsed.Outputs.Add(ReadOutput(o));
            }
            doc.Cells.Add(parsed);
        }
        return doc;
    }

    /// <summary>Serialises a notebook as indented nbformat 4 JSON (multi-line strings as lists of lines, as Jupyter writes them).</summary>
    public static string Serialize(NotebookDocument doc)
    {
        var cells = new JsonArray();
        foreach (var cell in doc.Cells)
        {
            var json = new JsonObject { ["cell_type"] = cell.CellType };
            if (doc.NbformatMinor >= 5) json["id"] = cell.Id ?? NewCellId();
            json["metadata"] = cell.Metadata.DeepClone();
            json["source"] = Multiline(cell.Source);
            if (cell.IsCode)
            {
                json["execution_count"] = cell.ExecutionCount;
                json["outputs"] = new JsonArray(cell.Outputs.Select(WriteOutput).ToArray<JsonNode?>());
            }
            cells.Add(json);
        }
        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = doc.Metadata.DeepClone(),
            ["nbformat"] = NotebookDocument.Nbformat,
            ["nbformat_minor"] = doc.NbformatMinor,
        };
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>A new cell id of the form nbformat 4.5 allows (letters, digits, '-', '_'; 1 to 64 characters).</summary>
    public static string NewCellId() => Guid.NewGuid().ToString("N")[..12];

    private static CellOutput ReadOutput(JsonObject o)
    {
        string type = o["output_type"]?.GetValue<string>() ?? throw new NotebookInputException("an output has no \"output_type\"");
        return type switch
        {
            "stream" => CellOutput.Stream(o["name"]?.GetValue<string>() ?? "stdout", ReadMultiline(o["text"])),
            "display_data" or "execute_result" => new CellOutput(type)
            {
                Data = (o["data"] as JsonObject ?? new JsonObject()).ToDictionary(kv => kv.Key, kv => ReadMimeValue(kv.Value)),
                ExecutionCount = o["execution_count"] is JsonValue v && v.TryGetValue(out int c) ? c : null,
            },
            "error" => CellOutput.Error(o["ename"]?.GetValue<string>() ?? "", o["evalue"]?.GetValue<string>() ?? "",
                (o["traceback"] as JsonArray ?? new JsonArray()).Select(t => t?.GetValue<string>() ?? "").ToList()),
            _ => throw new NotebookInputException($"an output has unknown output_type \"{type}\""),
        };
    }

    private static JsonObject WriteOutput(CellOutput output)
    {
        var json = new JsonObject { ["output_type"] = output.OutputType };
        switch (output.OutputType)
        {
            case "stream":
                json["name"] = output.StreamName;
                json["text"] = Multiline(output.Text ?? "");
                break;
            case "display_data":
            case "execute_result":
                var data = new JsonObject();
                foreach (var (mime, content) in output.Data) data[mime] = IsJsonMimeType(mime) ? JsonNode.Parse(content) : Multiline(content);
                json["data"] = data;
                json["metadata"] = new JsonObject();
                if (output.OutputType == "execute_result") json["execution_count"] = output.ExecutionCount;
                break;
            case "error":
                json["ename"] = output.ErrorName;
                json["evalue"] = output.ErrorValue;
                json["traceback"] = new JsonArray(output.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
                break;
        }
        return json;
    }

    /// <summary>nbformat stores JSON mime types (application/json, application/*+json) as JSON, not as text.</summary>
    public static bool IsJsonMimeType(string mime) =>
        mime == "application/json" || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));

    private static string ReadMultiline(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue value when value.TryGetValue(out string? s) => s,
        _ => throw new NotebookInputException($"expected a string or a list of strings, found {node.ToJsonString()}"),
    };

    private static string ReadMimeValue(JsonNode? node) =>
        node is JsonArray or JsonValue { } && node is not JsonObject && (node is JsonArray || node.GetValueKind() == JsonValueKind.String)
            ? ReadMultiline(node)
            : node?.ToJsonString() ?? "";

    private static JsonArray Multiline(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            int end = newline < 0 ? text.Length : newline + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}
