using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScalingLaws.Data;

/// <summary>Sizes of one split of a prepared dataset.</summary>
/// <param name="File">Token file name inside the dataset folder, e.g. "train.bin".</param>
/// <param name="Documents">Number of whole documents in the split.</param>
/// <param name="Tokens">Number of tokens in the file.</param>
/// <param name="Bytes">Number of text bytes those tokens encode (document separators included).</param>
/// <param name="DocumentIds">The ids of its documents, in file order.</param>
public sealed record SplitInfo(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("tokens")] long Tokens,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("document_ids")] IReadOnlyList<string> DocumentIds)
{
    /// <summary>Average text bytes per token; converts a loss per token to a loss per byte.</summary>
    [JsonPropertyName("bytes_per_token")]
    public double BytesPerToken => Tokens == 0 ? 0 : (double)Bytes / Tokens;
}

/// <summary>
/// meta.json of a prepared dataset folder (train.bin, val.bin, transfer.bin, tokenizer.json, meta.json):
/// the contract between the data pipeline and the trainer.
/// </summary>
public sealed record PreparedDataset
{
    /// <summary>Name of the metadata file inside a dataset folder.</summary>
    public const string MetaFileName = "meta.json";

    /// <summary>Name of the tokenizer file inside a dataset folder.</summary>
    public const string TokenizerFileName = "tokenizer.json";

    /// <summary>Split names and their token files.</summary>
    public const string Train = "train", Validation = "val", Transfer = "transfer";

    /// <summary>Number of distinct token ids; every id in the token files is below it.</summary>
    [JsonPropertyName("vocab_size")] public required int VocabSize { get; init; }

    /// <summary>"bpe" or "bytes".</summary>
    [JsonPropertyName("tokenizer")] public required string Tokenizer { get; init; }

    /// <summary>Element type of the token files (always "uint16", little-endian, no header).</summary>
    [JsonPropertyName("dtype")] public string DType { get; init; } = "uint16";

    /// <summary>Average bytes per token, by split name ("train", "val", "transfer").</summary>
    [JsonPropertyName("bytes_per_token")] public IReadOnlyDictionary<string, double> BytesPerToken => Splits.ToDictionary(s => s.Key, s => s.Value.BytesPerToken);

    /// <summary>Number of documents, by split name.</summary>
    [JsonPropertyName("documents")] public IReadOnlyDictionary<string, int> Documents => Splits.ToDictionary(s => s.Key, s => s.Value.Documents);

    /// <summary>Full description of each split.</summary>
    [JsonPropertyName("splits")] public required IReadOnlyDictionary<string, SplitInfo> Splits { get; init; }

    /// <summary>Corpus name ("sotu" or a user folder's name) and the transfer corpus name.</summary>
    [JsonPropertyName("corpus")] public required string Corpus { get; init; }

    /// <summary>Name of the held-out second distribution ("moby-dick" or a user folder).</summary>
    [JsonPropertyName("transfer_corpus")] public required string TransferCorpus { get; init; }

    /// <summary>Provenance of each corpus: npm package, version and checksum, or folder path.</summary>
    [JsonPropertyName("sources")] public required IReadOnlyDictionary<string, string> Sources { get; init; }

    /// <summary>Seed of the document split.</summary>
    [JsonPropertyName("split_seed")] public required int SplitSeed { get; init; }

    /// <summary>Fraction of documents held out for validation.</summary>
    [JsonPropertyName("validation_fraction")] public required double ValidationFraction { get; init; }

    /// <summary>Bytes placed between consecutive documents in a token file (as ordinary text).</summary>
    [JsonPropertyName("document_separator")] public required string DocumentSeparator { get; init; }

    /// <summary>How the training file is ordered.</summary>
    [JsonPropertyName("train_order")]
    public string TrainOrder { get; init; } =
        "documents in a seeded shuffled order, so any prefix of train.bin is a random nested subset (for L(D) sweeps)";

    /// <summary>SHA-256 of everything the files depend on (corpus contents, tokenizer, vocabulary, split), so a folder can be reused safely.</summary>
    [JsonPropertyName("inputs_sha256")] public string InputsSha256 { get; init; } = "";

    /// <summary>The command that rebuilds this folder.</summary>
    [JsonPropertyName("command")] public required string Command { get; init; }

    /// <summary>When it was prepared (UTC, ISO 8601).</summary>
    [JsonPropertyName("created_utc")] public required string CreatedUtc { get; init; }

    /// <summary>
    /// Converts a loss in nats per token to bits per byte: bits/byte = (nats/token) / (ln 2 * bytes/token).
    /// This is what makes losses comparable across tokenizers (a byte model and a BPE model see the same bytes).
    /// </summary>
    public static double BitsPerByte(double natsPerToken, double bytesPerToken)
    {
        if (!(bytesPerToken > 0))
            throw new ArgumentOutOfRangeException(nameof(bytesPerToken), bytesPerToken, "Bytes per token must be positive; read it from meta.json's bytes_per_token.");
        return natsPerToken / (Math.Log(2) * bytesPerToken);
    }

    /// <summary>Converts a loss on split <paramref name="split"/> from nats per token to bits per byte.</summary>
    public double BitsPerByte(double natsPerToken, string split) =>
        BitsPerByte(natsPerToken, Splits.TryGetValue(split, out var info)
            ? info.BytesPerToken
            : throw new ArgumentException($"No split '{split}' in this dataset; it has {string.Join(", ", Splits.Keys)}.", nameof(split)));

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes meta.json into <paramref name="folder"/>.</summary>
    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, MetaFileName), JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Reads meta.json from a dataset folder.</summary>
    public static PreparedDataset Load(string folder)
    {
        string path = Path.Combine(folder, MetaFileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist; create the dataset with `scaling data prepare --out {folder}`.", path);
        try
        {
            var dataset = JsonSerializer.Deserialize<PreparedDataset>(File.ReadAllText(path))
                          ?? throw new InvalidDataException($"{path} is empty.");
            return dataset with { Folder = Path.GetFullPath(folder) };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a dataset meta.json ({e.Message}); regenerate it with `scaling data prepare`.", e);
        }
    }

    /// <summary>The folder this metadata was loaded from (not stored in the file).</summary>
    [JsonIgnore] public string? Folder { get; init; }

    /// <summary>Path of a split's token file inside <paramref name="folder"/>.</summary>
    public string TokenFilePath(string folder, string split) => Path.Combine(folder, Splits[split].File);

    /// <summary>Path of a split's token file ("train", "val", "transfer") in the folder this was loaded from.</summary>
    public string TokenFilePath(string split) =>
        TokenFilePath(Folder ?? throw new InvalidOperationException("This metadata was not loaded from a folder; use PreparedDataset.Load(folder)."), split);
}
