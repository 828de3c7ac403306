using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScalingLaws.Sweeps;

/// <summary>One run of a sweep: a stable id and the config fields it changes from the sweep's defaults.</summary>
public sealed record SweepRun(string Id, JsonObject Overrides);

/// <summary>
/// A sweep: a named list of run configs, read from a JSON file
/// <c>{"name": ..., "description": ..., "defaults": {...}, "runs": [{"id": ..., ...overrides}]}</c>.
/// Each run's config is the defaults with its overrides merged in (objects merge key by key).
/// </summary>
public sealed partial record SweepDefinition(string Name, string? Description, JsonObject Defaults, IReadOnlyList<SweepRun> Runs)
{
    /// <summary>Where the definition was read from, and the SHA-256 of its bytes (provenance).</summary>
    public string? SourcePath { get; init; }

    /// <inheritdoc cref="SourcePath"/>
    public string? SourceSha256 { get; init; }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeId();

    /// <summary>Reads and validates a sweep file; errors name the file, the field and the fix.</summary>
    public static SweepDefinition Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Sweep file '{path}' does not exist. Pass the path of a sweep JSON file (see data/sweeps/).", path);
        byte[] bytes = File.ReadAllBytes(path);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Sweep file '{path}' is not valid JSON: {e.Message}", e);
        }
        var definition = Parse(root as JsonObject ?? throw new InvalidDataException($"Sweep file '{path}' must hold a JSON object with \"name\" and \"runs\"."), path);
        return definition with { SourcePath = Path.GetFullPath(path), SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
    }

    /// <summary>Validates a sweep given as a JSON object (<paramref name="origin"/> names it in errors).</summary>
    public static SweepDefinition Parse(JsonObject root, string origin = "sweep")
    {
        string name = root["name"]?.GetValue<string>() ?? throw new InvalidDataException($"{origin}: missing \"name\". Give the sweep a name; it names the results folder.");
        if (!SafeId().IsMatch(name))
            throw new InvalidDataException($"{origin}: sweep name '{name}' may hold only letters, digits, '.', '_' and '-'.");
        var defaults = root["defaults"] as JsonObject ?? new JsonObject();
        if (root["runs"] is not JsonArray runsArray || runsArray.Count == 0)
            throw new InvalidDataException($"{origin}: \"runs\" must be a non-empty array of objects, each with an \"id\".");

        var runs = new List<SweepRun>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, index) in runsArray.Select((n, i) => (n, i)))
        {
            if (node is not JsonObject run)
                throw new InvalidDataException($"{origin}: runs[{index}] is not an object.");
            string id = run["id"]?.GetValue<string>() ?? throw new InvalidDataException($"{origin}: runs[{index}] has no \"id\". Give every run a unique id.");
            if (!SafeId().IsMatch(id))
                throw new InvalidDataException($"{origin}: run id '{id}' may hold only letters, digits, '.', '_' and '-' (it becomes a file name).");
            if (!seen.Add(id))
                throw new InvalidDataException($"{origin}: run id '{id}' appears twice. Run ids must be unique within a sweep.");
            var overrides = (JsonObject)run.DeepClone();
            overrides.Remove("id");
            runs.Add(new SweepRun(id, overrides));
        }
        return new SweepDefinition(name, root["description"]?.GetValue<string>(), (JsonObject)defaults.DeepClone(), runs);
    }

    /// <summary>The full config of one run: the defaults with the run's overrides merged in.</summary>
    public JsonObject ConfigFor(SweepRun run)
    {
        var config = (JsonObject)Defaults.DeepClone();
        Merge(config, run.Overrides);
        return config;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject sourceObject && target[key] is JsonObject targetObject)
                Merge(targetObject, sourceObject);
            else
                target[key] = value?.DeepClone();
        }
    }
}
