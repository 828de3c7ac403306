using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ScalingLaws.Training;

/// <summary>
/// Reads <see cref="TrainConfig"/> JSON (snake_case keys, comments allowed) strictly, for <c>scaling train --config</c>
/// and every run of a sweep alike: a key the config does not have ("learning_ratee", model.n_layerz) is an error that
/// names it and the keys there are, never a silently ignored default.
/// </summary>
public static class TrainConfigFile
{
    private static readonly JsonSerializerOptions Strict = StrictOptions();

    private static JsonSerializerOptions StrictOptions()
    {
        var options = new JsonSerializerOptions(RunJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.MakeReadOnly(populateMissingResolver: true); // so GetTypeInfo can list the keys a config has
        return options;
    }

    /// <summary>Reads <paramref name="path"/>; throws naming the file and the problem.</summary>
    public static TrainConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Config file not found: {path}.", path);
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Config file {path} is not valid JSON: {e.Message}", e);
        }
        return Parse(json as JsonObject ?? throw new ArgumentException($"Config file {path} must hold one JSON object of training settings, e.g. {{\"data\": \"...\", \"model\": {{\"n_layer\": 4}}}}."), $"Config file {path}");
    }

    /// <summary>
    /// The config a JSON object describes; <paramref name="origin"/> ("Config file run.json", "Sweep 's', run 'r'")
    /// starts every error message. Validation of the values is <see cref="TrainConfig.Validate"/>'s.
    /// </summary>
    public static TrainConfig Parse(JsonObject json, string origin)
    {
        RejectUnknownKeys(json, Strict.GetTypeInfo(typeof(TrainConfig)), "", origin);
        try
        {
            return json.Deserialize<TrainConfig>(Strict) ?? throw new ArgumentException($"{origin} is empty.");
        }
        catch (JsonException e)
        {
            string key = e.Path is { Length: > 2 } p ? p[2..] : "(the whole config)";
            throw new ArgumentException($"{origin}: the value of \"{key}\" is not of the right kind ({Expected(key)}).", e);
        }
    }

    private static void RejectUnknownKeys(JsonObject json, JsonTypeInfo type, string prefix, string origin)
    {
        var known = Settable(type).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (key, value) in json)
        {
            if (!known.TryGetValue(key, out var property))
            {
                string where = prefix.Length == 0 ? "a training config" : $"\"{prefix.TrimEnd('.')}\"";
                throw new ArgumentException($"{origin}: unknown key \"{prefix}{key}\"; " + (Nearest(key, type, prefix) is { } near
                    ? $"did you mean \"{near}\"?"
                    : $"{where} has {string.Join(", ", known.Keys)}."));
            }
            var inner = Strict.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            if (inner.Kind == JsonTypeInfoKind.Object && value is JsonObject nested) RejectUnknownKeys(nested, inner, $"{prefix}{key}.", origin);
        }
    }

    // The keys a config object reads (computed properties such as total_steps are written, never read).
    private static IEnumerable<JsonPropertyInfo> Settable(JsonTypeInfo type) => type.Properties.Where(p => p.Set is not null);

    // The key (at this level or one level down: "learning_rate" lives in "schedule") a misspelt key most likely meant.
    private static string? Nearest(string key, JsonTypeInfo type, string prefix)
    {
        var candidates = new List<(string Path, string Name)>();
        foreach (var property in Settable(type))
        {
            candidates.Add((prefix + property.Name, property.Name));
            var inner = Strict.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            if (inner.Kind == JsonTypeInfoKind.Object) candidates.AddRange(Settable(inner).Select(p => ($"{prefix}{property.Name}.{p.Name}", p.Name)));
        }
        int limit = Math.Max(2, key.Length / 5);
        var best = candidates.Select(c => (c.Path, Score: Math.Min(EditDistance(key, c.Name, anywhereInName: false),
                key.Length >= 6 ? EditDistance(key, c.Name, anywhereInName: true) + 1 : int.MaxValue)))
            .Where(c => c.Score <= limit).OrderBy(c => c.Score).ThenBy(c => c.Path.Length).FirstOrDefault();
        return best.Path;
    }

    // What a key takes, in the config's own words, found by walking the path through the config's types.
    private static string Expected(string path)
    {
        Type type = typeof(TrainConfig);
        foreach (string part in path.Split('.'))
        {
            string name = part.Split('[')[0];
            var property = Settable(Strict.GetTypeInfo(type)).FirstOrDefault(p => p.Name == name);
            if (property is null) return "see the documentation of TrainConfig";
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (part.Contains('[') && type != typeof(string) && type.GetInterfaces().Concat([type]).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } list)
                type = list.GetGenericArguments()[0];
        }
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a string";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number";
        return Strict.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Object => "an object {...}",
            JsonTypeInfoKind.Enumerable => "a list [...]",
            _ => "see the documentation of TrainConfig",
        };
    }

    // Levenshtein distance from key to name or, anywhereInName, to the best-matching part of name ("learning_ratee"
    // is one edit from a part of "peak_learning_rate").
    private static int EditDistance(string key, string name, bool anywhereInName)
    {
        var row = new int[name.Length + 1];
        for (int j = 0; j <= name.Length; j++) row[j] = anywhereInName ? 0 : j;
        for (int i = 1; i <= key.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= name.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (key[i - 1] == name[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return anywhereInName ? row.Min() : row[name.Length];
    }
}
