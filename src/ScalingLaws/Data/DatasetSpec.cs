using System.Text.Json.Nodes;

namespace ScalingLaws.Data;

/// <summary>Typed reads of a sweep's "dataset" entry, with errors that name the setting and the fix.</summary>
public static class DatasetSpec
{
    /// <summary>An integer setting in [<paramref name="min"/>, <paramref name="max"/>], or its default.</summary>
    public static int Int(JsonObject spec, string name, int fallback, int min = 1, int max = int.MaxValue)
    {
        int value = Read(spec, name, fallback, n => n.GetValue<int>(), "a whole number");
        if (value < min || value > max) throw new ArgumentException($"dataset: {name} is {value}; it must lie between {min} and {max}.");
        return value;
    }

    /// <summary>A number setting in [<paramref name="min"/>, <paramref name="max"/>], or its default.</summary>
    public static double Double(JsonObject spec, string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        double value = Read(spec, name, fallback, n => n.GetValue<double>(), "a number");
        if (!(value >= min && value <= max)) throw new ArgumentException($"dataset: {name} is {value}; it must lie between {min} and {max}.");
        return value;
    }

    /// <summary>A text setting, or its default.</summary>
    public static string? String(JsonObject spec, string name, string? fallback = null) =>
        Read(spec, name, fallback, n => n.GetValue<string>(), "a string");

    /// <summary>A true/false setting, or its default.</summary>
    public static bool Bool(JsonObject spec, string name, bool fallback) =>
        Read(spec, name, fallback, n => n.GetValue<bool>(), "true or false");

    /// <summary>
    /// Returns the cached folder of a generated dataset, building it with <paramref name="build"/> (given a staging folder
    /// and the inputs hash to record as meta.json's inputs_sha256) when the cache lacks an intact copy.
    /// </summary>
    public static string EnsureGenerated(DataCache cache, string kind, string version, JsonObject spec, Action<string>? log, Action<string, string> build)
    {
        var (folder, sha) = DatasetKinds.CacheFolder(cache, kind, version, spec);
        if (ExampleDatasetWriter.IsIntact(folder, sha))
        {
            log?.Invoke($"up to date: {folder}");
            return folder;
        }
        log?.Invoke($"preparing {kind} dataset in {folder}");
        StagedFolder.Build(folder, staging =>
        {
            build(staging, sha);
            return 0;
        });
        return folder;
    }

    private static T Read<T>(JsonObject spec, string name, T fallback, Func<JsonNode, T> read, string expected)
    {
        if (spec[name] is not { } node) return fallback;
        try
        {
            return read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"dataset: {name} must be {expected}; got {node.ToJsonString()}.");
        }
    }
}
