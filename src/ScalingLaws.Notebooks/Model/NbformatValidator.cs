using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScalingLaws.Notebooks.Model;

/// <summary>
/// Checks the essentials of the nbformat 4 JSON schema (nbformat.v4.5.schema.json): top-level keys, cell
/// types and their required fields, output types and theirs. Returns the problems found; empty means valid.
/// </summary>
public static partial class NbformatValidator
{
    private static readonly string[] OutputTypes = ["stream", "display_data", "execute_result", "error"];

    /// <summary>Validates notebook JSON text.</summary>
    public static IReadOnlyList<string> Validate(string json)
    {
        try
        {
            return Validate(JsonNode.Parse(json));
        }
        catch (JsonException e)
        {
            return [$"not JSON: {e.Message}"];
        }
    }

    /// <summary>Validates a parsed notebook.</summary>
    public static IReadOnlyList<string> Validate(JsonNode? root)
    {
        var problems = new List<string>();
        if (root is not JsonObject nb) return ["top level is not an object"];
        RequireOnly(nb, "notebook", problems, ["cells", "metadata", "nbformat", "nbformat_minor"]);
        if (!IsInt(nb["nbformat"], out int major) || major != 4) problems.Add("notebook: nbformat must be the integer 4");
        if (!IsInt(nb["nbformat_minor"], out int minor) || minor < 0) problems.Add("notebook: nbformat_minor must be a non-negative integer");
        if (nb["metadata"] is not JsonObject metadata) problems.Add("notebook: metadata must be an object");
        else if (metadata["kernelspec"] is { } ks && (ks is not JsonObject k || !IsString(k["name"]) || !IsString(k["display_name"])))
            problems.Add("notebook: metadata.kernelspec needs string name and display_name");
        if (nb["cells"] is not JsonArray cells) { problems.Add("notebook: cells must be an array"); return problems; }

        var ids = new HashSet<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            string where = $"cell {i + 1}";
            if (cells[i] is not JsonObject cell) { problems.Add($"{where}: not an object"); continue; }
            string? type = IsString(cell["cell_type"]) ? cell["cell_type"]!.GetValue<string>() : null;
            if (type is not ("code" or "markdown" or "raw")) { problems.Add($"{where}: cell_type must be code, markdown or raw"); continue; }
            string[] allowed = type == "code"
                ? ["id", "cell_type", "metadata", "source", "outputs", "execution_count"]
                : ["id", "cell_type", "metadata", "source", "attachments"];
            RequireOnly(cell, where, problems, allowed, optional: ["id", "attachments"]);
            if (minor >= 5)
            {
                if (!IsString(cell["id"]) || !CellIdPattern().IsMatch(cell["id"]!.GetValue<string>()))
                    problems.Add($"{where}: nbformat 4.5+ needs an id of 1-64 letters, digits, '-' or '_'");
                else if (!ids.Add(cell["id"]!.GetValue<string>())) problems.Add($"{where}: duplicate id");
            }
            if (cell["metadata"] is not JsonObject) problems.Add($"{where}: metadata must be an object");
            if (!IsMultiline(cell["source"])) problems.Add($"{where}: source must be a string or a list of strings");
            if (type != "code") continue;
            if (cell["execution_count"] is { } ec && !(IsInt(ec, out int n) && n >= 0)) problems.Add($"{where}: execution_count must be null or a non-negative integer");
            if (cell["outputs"] is not JsonArray outputs) { problems.Add($"{where}: outputs must be an array"); continue; }
            for (int j = 0; j < outputs.Count; j++) ValidateOutput(outputs[j], $"{where} output {j + 1}", problems);
        }
        return problems;
    }

    private static void ValidateOutput(JsonNode? node, string where, List<string> problems)
    {
        if (node is not JsonObject o) { problems.Add($"{where}: not an object"); return; }
        string? type = IsString(o["output_type"]) ? o["output_type"]!.GetValue<string>() : null;
        if (type is null || !OutputTypes.Contains(type)) { problems.Add($"{where}: output_type must be one of {string.Join(", ", OutputTypes)}"); return; }
        switch (type)
        {
            case "stream":
                RequireOnly(o, where, problems, ["output_type", "name", "text"]);
                if (!(IsString(o["name"]) && o["name"]!.GetValue<string>() is "stdout" or "stderr")) problems.Add($"{where}: stream name must be stdout or stderr");
                if (!IsMultiline(o["text"])) problems.Add($"{where}: stream text must be a string or a list of strings");
                break;
            case "display_data":
            case "execute_result":
                string[] keys = type == "execute_result" ? ["output_type", "data", "metadata", "execution_count"] : ["output_type", "data", "metadata"];
                RequireOnly(o, where, problems, keys, optional: ["transient"]);
                if (o["data"] is not JsonObject data) problems.Add($"{where}: data must be an object");
                else ValidateMimeBundle(data, where, problems);
                if (o["metadata"] is not JsonObject) problems.Add($"{where}: metadata must be an object");
                if (type == "execute_result" && !(o["execution_count"] is null || IsInt(o["execution_count"], out _)))
                    problems.Add($"{where}: execution_count must be null or an integer");
                break;
            case "error":
                RequireOnly(o, where, problems, ["output_type", "ename", "evalue", "traceback"]);
                if (!IsString(o["ename"]) || !IsString(o["evalue"])) problems.Add($"{where}: ename and evalue must be strings");
                if (o["traceback"] is not JsonArray tb || tb.Any(t => !IsString(t))) problems.Add($"{where}: traceback must be a list of strings");
                break;
        }
    }

    private static void ValidateMimeBundle(JsonObject data, string where, List<string> problems)
    {
        foreach (var (mime, value) in data)
        {
            if (!MimePattern().IsMatch(mime)) problems.Add($"{where}: '{mime}' is not a mime type");
            else if (!mime.EndsWith("json", StringComparison.Ordinal) && !IsMultiline(value)) problems.Add($"{where}: data['{mime}'] must be a string or a list of strings");
        }
    }

    private static void RequireOnly(JsonObject obj, string where, List<string> problems, string[] keys, string[]? optional = null)
    {
        foreach (var key in keys.Except(optional ?? []))
            if (!obj.ContainsKey(key)) problems.Add($"{where}: missing '{key}'");
        foreach (var (key, _) in obj)
            if (!keys.Contains(key) && !(optional ?? []).Contains(key)) problems.Add($"{where}: unexpected property '{key}'");
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static bool IsInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    private static bool IsMultiline(JsonNode? node) => IsString(node) || (node is JsonArray a && a.All(IsString));

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex CellIdPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9\-\+\.]+/[a-zA-Z0-9\-\+\._]+$")]
    private static partial Regex MimePattern();
}
