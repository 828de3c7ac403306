using System.Text.Json;

namespace ScalingLaws.Data;

/// <summary>
/// A tokenised dataset folder: <c>train.bin</c> and <c>val.bin</c> (flat little-endian UInt16 token ids, no header),
/// <c>meta.json</c> with at least <c>{"vocab_size": int}</c>, and optionally <c>train.mask.bin</c> / <c>val.mask.bin</c>
/// (one byte per token, 1 = trained on). Text, image pixels and math problems all reach the trainer this way.
/// </summary>
public sealed class TokenDataset(TokenSplit train, TokenSplit validation, int vocabSize) : IDisposable
{
    /// <summary>The training split.</summary>
    public TokenSplit Train { get; } = train;

    /// <summary>The held-out split used for evaluation and early stopping.</summary>
    public TokenSplit Validation { get; } = validation;

    /// <summary>Number of token ids the data may contain (from meta.json).</summary>
    public int VocabSize { get; } = vocabSize;

    /// <summary>Opens a dataset folder; throws naming the missing or corrupt file and how to fix it.</summary>
    public static TokenDataset Open(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Dataset folder not found: {folder}. Build one with `scaling data` or give the folder that holds train.bin, val.bin and meta.json.");
        int vocabSize = ReadVocabSize(Path.Combine(folder, "meta.json"));
        var train = OpenSplit(folder, "train", vocabSize);
        try
        {
            return new TokenDataset(train, OpenSplit(folder, "val", vocabSize), vocabSize);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }

    /// <summary>
    /// Opens another split of a dataset folder, <c>NAME.bin</c> (e.g. <c>transfer</c>: held-out text of another
    /// distribution); throws naming the file and the splits the folder has when it is missing.
    /// </summary>
    public static TokenSplit OpenExtraSplit(string folder, string split, int vocabSize)
    {
        string path = Path.Combine(folder, split + ".bin");
        if (!File.Exists(path))
        {
            var present = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.bin").Select(Path.GetFileNameWithoutExtension).Where(n => !n!.EndsWith(".mask", StringComparison.Ordinal))
                : [];
            throw new FileNotFoundException($"Evaluation split '{split}' not found: {path}. This dataset has: {string.Join(", ", present)}. Fix extra_eval_splits.", path);
        }
        return OpenSplit(folder, split, vocabSize);
    }

    private static TokenSplit OpenSplit(string folder, string split, int vocabSize)
    {
        string mask = Path.Combine(folder, split + ".mask.bin");
        return TokenSplit.Open(Path.Combine(folder, split + ".bin"), vocabSize, File.Exists(mask) ? mask : null);
    }

    private static int ReadVocabSize(string metaPath)
    {
        if (!File.Exists(metaPath))
            throw new FileNotFoundException($"Dataset metadata not found: {metaPath}. It must hold at least {{\"vocab_size\": N}}.", metaPath);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(metaPath));
            if (doc.RootElement.TryGetProperty("vocab_size", out var v) && v.TryGetInt32(out int vocab) && vocab is > 0 and <= 65536)
                return vocab;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Dataset metadata {metaPath} is not valid JSON ({e.Message}). It must hold at least {{\"vocab_size\": N}}.", e);
        }
        throw new InvalidDataException($"Dataset metadata {metaPath} lacks an integer \"vocab_size\" between 1 and 65536 (UInt16 tokens).");
    }
}
