namespace ScalingLaws.Data;

/// <summary>
/// A tokenised dataset folder: <c>train.bin</c> and <c>val.bin</c> (flat little-endian UInt16 token ids, no header),
/// <c>meta.json</c> (at least <c>{"vocab_size": int}</c>; see <see cref="DatasetLayout"/>), further named splits
/// (<c>NAME.bin</c>: a transfer set, an interpolate and an extrapolate test set), and beside each split optionally its
/// loss mask or region map (<c>NAME.mask.bin</c> or <c>NAME.regions.bin</c>, one byte per token), its example index
/// (<c>NAME.examples.bin</c>) and its subset ids (<c>NAME.subsets.bin</c>). Text, image pixels, caption-image pairs and
/// math problems all reach the trainer this way.
/// </summary>
public sealed class TokenDataset(TokenSplit train, TokenSplit validation, DatasetLayout layout) : IDisposable
{
    /// <summary>A dataset of running text (in memory, tests).</summary>
    public TokenDataset(TokenSplit train, TokenSplit validation, int vocabSize) : this(train, validation, new DatasetLayout { VocabSize = vocabSize }) { }

    /// <summary>The training split.</summary>
    public TokenSplit Train { get; } = train;

    /// <summary>The held-out split used for evaluation and early stopping.</summary>
    public TokenSplit Validation { get; } = validation;

    /// <summary>What meta.json says about the splits: vocabulary, layout, regions, subsets.</summary>
    public DatasetLayout Layout { get; } = layout;

    /// <summary>Number of token ids the data may contain (from meta.json).</summary>
    public int VocabSize => Layout.VocabSize;

    /// <summary>Opens a dataset folder; throws naming the missing or corrupt file and how to fix it.</summary>
    public static TokenDataset Open(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Dataset folder not found: {folder}. Build one with `scaling data` or give the folder that holds train.bin, val.bin and meta.json.");
        var layout = DatasetLayout.Load(folder);
        var train = OpenSplit(folder, "train", layout);
        try
        {
            return new TokenDataset(train, OpenSplit(folder, "val", layout), layout);
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
    /// Opens another split of a dataset folder, <c>NAME.bin</c> (a transfer set, a test set); throws naming the file and
    /// the splits the folder has when it is missing.
    /// </summary>
    public static TokenSplit OpenExtraSplit(string folder, string split, DatasetLayout layout)
    {
        string path = Path.Combine(folder, split + ".bin");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Evaluation split '{split}' not found: {path}. This dataset has: {string.Join(", ", SplitNames(folder))}. Fix extra_eval_splits.", path);
        return OpenSplit(folder, split, layout);
    }

    /// <summary>The splits a dataset folder holds (its NAME.bin files).</summary>
    public static IReadOnlyList<string> SplitNames(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.bin").Select(f => Path.GetFileNameWithoutExtension(f)!)
                .Where(n => !n.Contains('.', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static TokenSplit OpenSplit(string folder, string split, DatasetLayout layout)
    {
        string? Side(string suffix) => File.Exists(Path.Combine(folder, $"{split}.{suffix}.bin")) ? Path.Combine(folder, $"{split}.{suffix}.bin") : null;
        string? examples = Side("examples");
        if (layout.Layout == DataLayout.Examples && examples is null)
            throw new FileNotFoundException($"{Path.Combine(folder, split + ".examples.bin")} is missing: meta.json says this dataset is made of whole examples, so each split needs its example index. Rebuild the dataset.");
        return TokenSplit.Open(Path.Combine(folder, split + ".bin"), layout.VocabSize, Side("regions") ?? Side("mask"), examples, Side("subsets"));
    }
}
