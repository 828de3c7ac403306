using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Data;

/// <summary>How training windows are cut from a split.</summary>
public enum DataLayout
{
    /// <summary>Running text: a window may start anywhere (nanoGPT).</summary>
    Running,
    /// <summary>Whole examples: a window holds whole examples only, never a part of one.</summary>
    Examples,
}

/// <summary>How whole examples fill a training row of n_ctx + 1 tokens.</summary>
public enum Packing
{
    /// <summary>One example per row, the rest padding (masked): images, caption-image pairs.</summary>
    OnePerRow,
    /// <summary>
    /// As many whole examples as fit, the rest padding: question-answer text, where examples are short and vary in
    /// length, and where packing also lands examples at every position of the context, so that a test question longer
    /// than any training question never meets untrained positions.
    /// </summary>
    Pack,
}

/// <summary>
/// The part of a dataset folder's meta.json that the trainer and the evaluator read, whatever the kind of data: the
/// vocabulary, whether the splits are running text or whole examples, the names of the regions (region id k ≥ 1 is
/// <c>Regions[k - 1]</c>), the names of the subsets, the padding token and the tokens that end a generated region.
/// </summary>
public sealed record DatasetLayout
{
    /// <summary>Number of distinct token ids.</summary>
    public required int VocabSize { get; init; }

    /// <summary>Running text or whole examples.</summary>
    public DataLayout Layout { get; init; } = DataLayout.Running;

    /// <summary>For whole examples: how rows are filled.</summary>
    public Packing Packing { get; init; } = Packing.OnePerRow;

    /// <summary>Region names; region id k ≥ 1 is Regions[k - 1]. Running text has one, "text".</summary>
    public IReadOnlyList<string> Regions { get; init; } = ["text"];

    /// <summary>Subset names (math modules, difficulties), indexed by subset id; empty when there are none.</summary>
    public IReadOnlyList<string> Subsets { get; init; } = [];

    /// <summary>The token that fills a row after its last example (never a target).</summary>
    public int? PadToken { get; init; }

    /// <summary>Per region, tokens that end it when a model generates it (an end-of-answer token); none for fixed-length regions.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> StopTokens { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    /// <summary>The region id of a region name; throws naming the regions there are.</summary>
    public byte RegionId(string name)
    {
        int index = Regions.ToList().IndexOf(name);
        if (index < 0) throw new ArgumentException($"This dataset has no region '{name}'; its regions are {string.Join(", ", Regions)}.");
        return (byte)(index + 1);
    }

    /// <summary>The region name of a region id ≥ 1.</summary>
    public string RegionName(byte id) => id >= 1 && id <= Regions.Count ? Regions[id - 1] : $"region {id}";

    /// <summary>Reads the layout from a dataset folder's meta.json; throws naming the file and the field.</summary>
    public static DatasetLayout Load(string folder)
    {
        string path = Path.Combine(folder, "meta.json");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Dataset metadata not found: {path}. It must hold at least {{\"vocab_size\": N}}.", path);
        JsonObject meta;
        try
        {
            meta = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"Dataset metadata {path} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Dataset metadata {path} is not valid JSON ({e.Message}). It must hold at least {{\"vocab_size\": N}}.", e);
        }
        return Parse(meta, path);
    }

    /// <summary>Reads the layout from meta.json's object (<paramref name="origin"/> names it in errors).</summary>
    public static DatasetLayout Parse(JsonObject meta, string origin)
    {
        int vocab = meta["vocab_size"] is JsonValue v && v.TryGetValue(out int n) && n is > 0 and <= 65536 ? n
            : throw new InvalidDataException($"Dataset metadata {origin} lacks an integer \"vocab_size\" between 1 and 65536 (UInt16 tokens).");
        var layout = new DatasetLayout { VocabSize = vocab };
        try
        {
            if (meta["layout"]?.GetValue<string>() is { } l) layout = layout with { Layout = l == "examples" ? DataLayout.Examples : l == "running" ? DataLayout.Running : throw Bad("layout", l, "\"running\" or \"examples\"") };
            if (meta["packing"]?.GetValue<string>() is { } p) layout = layout with { Packing = p == "pack" ? Packing.Pack : p == "one_per_row" ? Packing.OnePerRow : throw Bad("packing", p, "\"one_per_row\" or \"pack\"") };
            if (meta["regions"] is JsonArray r) layout = layout with { Regions = r.Select(x => x!.GetValue<string>()).ToArray() };
            if (meta["subsets"] is JsonArray s) layout = layout with { Subsets = s.Select(x => x!.GetValue<string>()).ToArray() };
            if (meta["pad_token"] is JsonValue pad) layout = layout with { PadToken = pad.GetValue<int>() };
            if (meta["stop_tokens"] is JsonObject stops)
                layout = layout with { StopTokens = stops.ToDictionary(e => e.Key, e => (IReadOnlyList<int>)e.Value!.AsArray().Select(x => x!.GetValue<int>()).ToArray()) };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException($"Dataset metadata {origin} has a malformed field ({e.Message}). Rebuild the dataset.", e);
        }
        if (layout.Regions.Count is 0 or > 255) throw new InvalidDataException($"Dataset metadata {origin}: \"regions\" must name 1 to 255 regions.");
        if (layout.Layout == DataLayout.Examples && layout.PadToken is not { } padToken)
            throw new InvalidDataException($"Dataset metadata {origin}: a dataset of whole examples needs \"pad_token\" (the token that fills a row).");
        if (layout.PadToken is { } pt && (pt < 0 || pt >= vocab))
            throw new InvalidDataException($"Dataset metadata {origin}: pad_token {pt} lies outside the vocabulary (0 to {vocab - 1}).");
        return layout;

        InvalidDataException Bad(string field, string value, string expected) =>
            new($"Dataset metadata {origin}: \"{field}\" is \"{value}\"; expected {expected}.");
    }
}
