using System.IO.MemoryMappedFiles;

namespace ScalingLaws.Data;

/// <summary>
/// One split of a token dataset: a flat sequence of UInt16 token ids (little-endian, no header; nanoGPT's
/// train.bin/val.bin), memory-mapped so a corpus larger than memory costs nothing to open, plus optional:
/// <list type="bullet">
/// <item>a region map, one byte per token: 0 = context only (never scored: a start token, padding), k ≥ 1 = the
/// dataset's k-th named region (caption, image, question, answer). A plain loss mask (NAME.mask.bin, 1 = trained on)
/// is the one-region case.</item>
/// <item>example boundaries (NAME.examples.bin, Int64 offsets, one more than there are examples): whole examples
/// that a sampler must never cut in two (an image, a caption with its image, a question with its answer).</item>
/// <item>a subset id per example (NAME.subsets.bin, UInt16): the math module, a difficulty, a source.</item>
/// </list>
/// </summary>
public sealed class TokenSplit : IDisposable
{
    private readonly MemoryMappedFile? file;
    private readonly MemoryMappedViewAccessor? view;
    private readonly ushort[]? tokens;
    private readonly MemoryMappedFile? regionFile;
    private readonly MemoryMappedViewAccessor? regionView;
    private readonly byte[]? regions;
    private readonly long[]? offsets;
    private readonly ushort[]? subsets;

    private TokenSplit(string name, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view, ushort[]? tokens,
        MemoryMappedFile? regionFile, MemoryMappedViewAccessor? regionView, byte[]? regions, long[]? offsets, ushort[]? subsets)
    {
        (Name, Length, this.file, this.view, this.tokens, this.regionFile, this.regionView, this.regions, this.offsets, this.subsets) =
            (name, length, file, view, tokens, regionFile, regionView, regions, offsets, subsets);
    }

    /// <summary>Where the tokens came from (a path, or a name for in-memory splits).</summary>
    public string Name { get; }

    /// <summary>Number of tokens.</summary>
    public long Length { get; }

    /// <summary>Whether a loss mask or region map says which tokens are scored.</summary>
    public bool HasMask => regionView is not null || regions is not null;

    /// <summary>Whether the split is a list of whole examples (else running text, where any window will do).</summary>
    public bool HasExamples => offsets is not null;

    /// <summary>Number of whole examples (0 for running text).</summary>
    public int ExampleCount => offsets is null ? 0 : offsets.Length - 1;

    /// <summary>Whether examples carry subset ids.</summary>
    public bool HasSubsets => subsets is not null;

    /// <summary>
    /// Maps <paramref name="path"/> and the optional side files, and checks that every token id is below
    /// <paramref name="vocabSize"/> and that the side files agree with the tokens; throws naming the file and the
    /// problem when one is missing or corrupt, leaving nothing mapped.
    /// </summary>
    public static TokenSplit Open(string path, int vocabSize, string? regionPath = null, string? examplesPath = null, string? subsetsPath = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Token file not found: {path}. A dataset folder needs train.bin and val.bin (flat little-endian UInt16 token ids) and meta.json; build it with `scaling data` or point --data at the right folder.", path);
        long bytes = new FileInfo(path).Length;
        if (bytes == 0 || bytes % 2 != 0)
            throw new InvalidDataException($"Token file {path} is corrupt: {bytes} bytes is not a positive whole number of UInt16 tokens. Rebuild the dataset.");
        long length = bytes / 2;
        var opened = new List<IDisposable>();
        try
        {
            var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            opened.Add(file);
            var view = file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.Read);
            opened.Add(view);
            MemoryMappedFile? regionFile = null;
            MemoryMappedViewAccessor? regionView = null;
            if (regionPath is not null)
            {
                if (!File.Exists(regionPath)) throw new FileNotFoundException($"Loss-mask file not found: {regionPath}.", regionPath);
                long regionBytes = new FileInfo(regionPath).Length;
                if (regionBytes != length)
                    throw new InvalidDataException($"Loss-mask file {regionPath} has {regionBytes} bytes but {path} has {length} tokens; a mask holds one byte per token. Rebuild the dataset.");
                regionFile = MemoryMappedFile.CreateFromFile(regionPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                opened.Add(regionFile);
                regionView = regionFile.CreateViewAccessor(0, regionBytes, MemoryMappedFileAccess.Read);
                opened.Add(regionView);
            }
            long[]? offsets = examplesPath is null ? null : ReadOffsets(examplesPath, length);
            ushort[]? subsets = subsetsPath is null ? null : ReadSubsets(subsetsPath, offsets, examplesPath);
            var split = new TokenSplit(path, length, file, view, null, regionFile, regionView, null, offsets, subsets);
            opened.Clear();
            split.CheckTokensBelow(vocabSize);
            return split;
        }
        finally
        {
            // Anything mapped before a failure is released: a bad side file must not leave the token file mapped.
            for (int i = opened.Count - 1; i >= 0; i--) opened[i].Dispose();
        }
    }

    /// <summary>An in-memory split of running text (tests, generated data); <paramref name="mask"/> marks the tokens trained on.</summary>
    public static TokenSplit FromTokens(string name, ushort[] tokens, int vocabSize, bool[]? mask = null)
    {
        if (tokens.Length == 0) throw new ArgumentException($"Split {name} has no tokens.");
        if (mask is not null && mask.Length != tokens.Length)
            throw new ArgumentException($"Split {name}: mask length {mask.Length} differs from token count {tokens.Length}.");
        var split = new TokenSplit(name, tokens.Length, null, null, tokens, null, null, mask?.Select(m => (byte)(m ? 1 : 0)).ToArray(), null, null);
        split.CheckTokensBelow(vocabSize);
        return split;
    }

    /// <summary>An in-memory split of whole examples (tests, generated data).</summary>
    public static TokenSplit FromExamples(string name, IReadOnlyList<TokenExample> examples, int vocabSize)
    {
        if (examples.Count == 0) throw new ArgumentException($"Split {name} has no examples.");
        var (tokens, regions, offsets, subsets) = TokenExample.Concatenate(examples);
        var split = new TokenSplit(name, tokens.Length, null, null, tokens, null, null, regions, offsets, subsets);
        split.CheckTokensBelow(vocabSize);
        return split;
    }

    /// <summary>Copies tokens [start, start + count) into <paramref name="destination"/>.</summary>
    public void ReadTokens(long start, Span<ushort> destination)
    {
        if (start < 0 || start + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"Window [{start}, {start + destination.Length}) lies outside {Name} ({Length} tokens).");
        if (tokens is not null) tokens.AsSpan((int)start, destination.Length).CopyTo(destination);
        else
        {
            var buffer = new ushort[destination.Length];
            view!.ReadArray(start * 2, buffer, 0, buffer.Length);
            buffer.CopyTo(destination);
            if (!BitConverter.IsLittleEndian)
                for (int i = 0; i < destination.Length; i++) destination[i] = (ushort)((destination[i] >> 8) | (destination[i] << 8));
        }
    }

    /// <summary>The region of token <paramref name="index"/>: 0 = context only, k ≥ 1 = the k-th named region (1 without a map).</summary>
    public byte Region(long index) =>
        regions is not null ? regions[index] : regionView is not null ? regionView.ReadByte(index) : (byte)1;

    /// <summary>Whether token <paramref name="index"/> counts in the loss at all (always true without a mask).</summary>
    public bool IsTrained(long index) => Region(index) != 0;

    /// <summary>First token of example <paramref name="example"/>.</summary>
    public long ExampleStart(int example) => Offsets[example];

    /// <summary>Number of tokens of example <paramref name="example"/>.</summary>
    public int ExampleLength(int example) => (int)(Offsets[example + 1] - Offsets[example]);

    /// <summary>The subset id of example <paramref name="example"/> (0 when the split has none).</summary>
    public ushort Subset(int example) => subsets is null ? (ushort)0 : subsets[example];

    /// <summary>The longest example, in tokens (0 for running text).</summary>
    public int LongestExample()
    {
        int longest = 0;
        for (int i = 0; i < ExampleCount; i++) longest = Math.Max(longest, ExampleLength(i));
        return longest;
    }

    /// <summary>Example <paramref name="example"/> as tokens, regions and subset.</summary>
    public TokenExample Example(int example)
    {
        var t = new ushort[ExampleLength(example)];
        ReadTokens(ExampleStart(example), t);
        var r = new byte[t.Length];
        for (int i = 0; i < t.Length; i++) r[i] = Region(ExampleStart(example) + i);
        return new TokenExample(t, r, Subset(example));
    }

    private long[] Offsets => offsets ?? throw new InvalidOperationException($"{Name} is running text, not a list of examples.");

    /// <inheritdoc />
    public void Dispose()
    {
        view?.Dispose();
        file?.Dispose();
        regionView?.Dispose();
        regionFile?.Dispose();
    }

    private static long[] ReadOffsets(string path, long tokenCount)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Example index not found: {path}. Rebuild the dataset.", path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 16 || bytes.Length % 8 != 0)
            throw new InvalidDataException($"Example index {path} is corrupt: {bytes.Length} bytes is not two or more Int64 offsets. Rebuild the dataset.");
        var offsets = new long[bytes.Length / 8];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8 * i));
        if (offsets[0] != 0 || offsets[^1] != tokenCount)
            throw new InvalidDataException($"Example index {path} is corrupt: it spans tokens {offsets[0]} to {offsets[^1]}, but the token file has {tokenCount}. Rebuild the dataset.");
        for (int i = 1; i < offsets.Length; i++)
            if (offsets[i] <= offsets[i - 1])
                throw new InvalidDataException($"Example index {path} is corrupt: example {i - 1} is empty or out of order. Rebuild the dataset.");
        return offsets;
    }

    private static ushort[] ReadSubsets(string path, long[]? offsets, string? examplesPath)
    {
        if (offsets is null) throw new InvalidDataException($"{path} gives subsets, but the split has no example index ({examplesPath ?? "NAME.examples.bin"}). Rebuild the dataset.");
        if (!File.Exists(path)) throw new FileNotFoundException($"Subset file not found: {path}. Rebuild the dataset.", path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length != 2 * (offsets.Length - 1))
            throw new InvalidDataException($"Subset file {path} has {bytes.Length / 2} entries for {offsets.Length - 1} examples. Rebuild the dataset.");
        var subsets = new ushort[bytes.Length / 2];
        for (int i = 0; i < subsets.Length; i++) subsets[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i));
        return subsets;
    }

    private void CheckTokensBelow(int vocabSize)
    {
        const int chunk = 1 << 16;
        var buffer = new ushort[chunk];
        for (long start = 0; start < Length; start += chunk)
        {
            int n = (int)Math.Min(chunk, Length - start);
            ReadTokens(start, buffer.AsSpan(0, n));
            for (int i = 0; i < n; i++)
                if (buffer[i] >= vocabSize)
                {
                    Dispose();
                    throw new InvalidDataException(
                        $"Token file {Name} is corrupt or belongs to another vocabulary: token {start + i} is {buffer[i]}, but vocab_size is {vocabSize}. Rebuild the dataset or fix meta.json.");
                }
        }
    }
}
