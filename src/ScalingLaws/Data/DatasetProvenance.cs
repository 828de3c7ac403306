using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Data;

/// <summary>
/// What a run record keeps of the dataset it trained on: the folder's meta.json (kind, source packages and checksums,
/// generator name, version and seed, split sizes), without long lists such as every document id.
/// </summary>
public static class DatasetProvenance
{
    /// <summary>Lists longer than this are left out of the record (document ids; the folder keeps them).</summary>
    public const int LongestList = 512;

    /// <summary>The provenance of the dataset folder <paramref name="folder"/>; null when it has no readable meta.json.</summary>
    public static JsonObject? Read(string folder)
    {
        string path = Path.Combine(folder, "meta.json");
        if (!File.Exists(path)) return null;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject meta) return null;
            Prune(meta);
            meta["folder"] = Path.GetFullPath(folder);
            return meta;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    private static void Prune(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is JsonArray { Count: > LongestList }).Select(p => p.Key).ToList()) obj.Remove(key);
            foreach (var (_, value) in obj) if (value is not null) Prune(value);
        }
        else if (node is JsonArray array)
            foreach (var item in array) if (item is not null) Prune(item);
    }
}
