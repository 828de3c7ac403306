using System.Text.Json.Nodes;

namespace ScalingLaws.Data;

/// <summary>
/// Running text: a corpus split by whole document, a tokenizer trained on its training split, and a held-out second
/// distribution (<c>{"corpus": "sotu", "tokenizer": "bpe", "vocab_size": 1024, "transfer": "moby-dick"}</c>; a corpus
/// or transfer may be a folder of .txt files).
/// </summary>
public sealed class TextDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "text";

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal) { "corpus", "tokenizer", "vocab_size", "transfer" };

    /// <inheritdoc />
    public void Validate(JsonObject spec)
    {
        string tokenizer = spec["tokenizer"]?.GetValue<string>() ?? "bpe";
        if (tokenizer is not ("bpe" or "bytes")) throw new ArgumentException($"dataset: tokenizer '{tokenizer}' is unknown; use \"bpe\" or \"bytes\".");
        int vocab = spec["vocab_size"]?.GetValue<int>() ?? PrepareOptions.DefaultVocabSize;
        if (tokenizer == "bpe" && vocab is < 257 or > 65536) throw new ArgumentException($"dataset: vocab_size {vocab} must lie between 257 and 65536 for a BPE tokenizer.");
    }

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation) =>
        DatasetPreparer.EnsurePrepared(
            corpus: spec["corpus"]?.GetValue<string>() ?? SotuCorpus.PackageId,
            tokenizer: spec["tokenizer"]?.GetValue<string>() ?? "bpe",
            vocabSize: spec["vocab_size"]?.GetValue<int>() ?? PrepareOptions.DefaultVocabSize,
            transfer: spec["transfer"]?.GetValue<string>() ?? MobyDickCorpus.PackageId,
            cache: cache,
            log: log).Folder!;
}
