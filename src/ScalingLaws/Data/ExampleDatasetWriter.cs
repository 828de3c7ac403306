using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Data;

/// <summary>
/// Writes a dataset of whole examples as a folder the trainer reads (<see cref="TokenDataset"/>): per split NAME.bin,
/// NAME.regions.bin, NAME.examples.bin and NAME.subsets.bin, and meta.json with the layout, the provenance the caller
/// gives (kind, source packages, generator and seed), each split's counts and each file's SHA-256, so a cached folder
/// can be checked before it is reused.
/// </summary>
public static class ExampleDatasetWriter
{
    /// <summary>Writes <paramref name="splits"/> into <paramref name="folder"/> (which must exist) and returns meta.json's content.</summary>
    /// <param name="folder">The (staging) folder.</param>
    /// <param name="layout">Vocabulary, packing, regions, subsets, padding, stop tokens.</param>
    /// <param name="provenance">Kind, sources, generator, seed, inputs hash: copied into meta.json as they are.</param>
    /// <param name="splits">Examples per split name; must include "train" and "val".</param>
    public static JsonObject Write(string folder, DatasetLayout layout, JsonObject provenance, IReadOnlyDictionary<string, IReadOnlyList<TokenExample>> splits)
    {
        if (!splits.ContainsKey("train") || !splits.ContainsKey("val"))
            throw new ArgumentException($"A dataset needs a \"train\" and a \"val\" split; got {string.Join(", ", splits.Keys)}.");
        var meta = (JsonObject)provenance.DeepClone();
        meta["vocab_size"] = layout.VocabSize;
        meta["layout"] = "examples";
        meta["packing"] = layout.Packing == Packing.Pack ? "pack" : "one_per_row";
        meta["regions"] = new JsonArray(layout.Regions.Select(r => (JsonNode)r).ToArray());
        meta["subsets"] = new JsonArray(layout.Subsets.Select(s => (JsonNode)s).ToArray());
        meta["pad_token"] = layout.PadToken ?? throw new ArgumentException("A dataset of whole examples needs a pad token.");
        meta["stop_tokens"] = new JsonObject(layout.StopTokens.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonArray(p.Value.Select(t => (JsonNode)t).ToArray()))));
        meta["dtype"] = "uint16";
        var splitInfo = new JsonObject();
        foreach (var (name, examples) in splits)
        {
            if (examples.Count == 0) throw new ArgumentException($"Split \"{name}\" has no examples.");
            var (tokens, regions, offsets, subsets) = TokenExample.Concatenate(examples);
            int bad = Array.FindIndex(tokens, t => t >= layout.VocabSize);
            if (bad >= 0) throw new ArgumentException($"Split \"{name}\": token {bad} is {tokens[bad]}, outside the vocabulary of {layout.VocabSize}.");
            var files = new JsonObject
            {
                [$"{name}.bin"] = WriteFile(folder, $"{name}.bin", TokenBytes(tokens)),
                [$"{name}.regions.bin"] = WriteFile(folder, $"{name}.regions.bin", regions),
                [$"{name}.examples.bin"] = WriteFile(folder, $"{name}.examples.bin", OffsetBytes(offsets)),
            };
            if (layout.Subsets.Count > 0) files[$"{name}.subsets.bin"] = WriteFile(folder, $"{name}.subsets.bin", TokenBytes(subsets));
            splitInfo[name] = new JsonObject
            {
                ["file"] = $"{name}.bin",
                ["examples"] = examples.Count,
                ["tokens"] = tokens.Length,
                ["longest_example"] = examples.Max(e => e.Length),
                ["sha256"] = files,
            };
        }
        meta["splits"] = splitInfo;
        meta["created_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        File.WriteAllText(Path.Combine(folder, "meta.json"), meta.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return meta;
    }

    /// <summary>
    /// True when <paramref name="folder"/> holds a complete dataset written from inputs hashing to
    /// <paramref name="inputsSha256"/> whose every file still has the checksum meta.json recorded.
    /// </summary>
    public static bool IsIntact(string folder, string inputsSha256)
    {
        string path = Path.Combine(folder, "meta.json");
        if (!File.Exists(path)) return false;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject meta || meta["inputs_sha256"]?.GetValue<string>() != inputsSha256) return false;
            foreach (var (_, split) in meta["splits"]!.AsObject())
                foreach (var (file, sha) in split!["sha256"]!.AsObject())
                {
                    string filePath = Path.Combine(folder, file);
                    if (!File.Exists(filePath) || Sha256(filePath) != sha!.GetValue<string>()) return false;
                }
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or IOException)
        {
            return false;
        }
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string WriteFile(string folder, string name, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static byte[] TokenBytes(ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }

    private static byte[] OffsetBytes(long[] offsets)
    {
        var bytes = new byte[offsets.Length * 8];
        for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), offsets[i]);
        return bytes;
    }
}
