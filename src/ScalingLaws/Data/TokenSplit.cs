using System.IO.MemoryMappedFiles;

namespace ScalingLaws.Data;

/// <summary>
/// One split of a token dataset: a flat sequence of UInt16 token ids (little-endian, no header; nanoGPT's
/// train.bin/val.bin), memory-mapped so a corpus larger than memory costs nothing to open, plus an optional
/// per-token loss mask (one byte per token, 1 = the model is trained to predict this token, 0 = context only).
/// </summary>
public sealed class TokenSplit : IDisposable
{
    private readonly MemoryMappedFile? file;
    private readonly MemoryMappedViewAccessor? view;
    private readonly ushort[]? tokens;
    private readonly MemoryMappedFile? maskFile;
    private readonly MemoryMappedViewAccessor? maskView;
    private readonly bool[]? mask;

    private TokenSplit(string name, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view, ushort[]? tokens,
        MemoryMappedFile? maskFile, MemoryMappedViewAccessor? maskView, bool[]? mask)
    {
        (Name, Length, this.file, this.view, this.tokens, this.maskFile, this.maskView, this.mask) =
            (name, length, file, view, tokens, maskFile, maskView, mask);
    }

    /// <summary>Where the tokens came from (a path, or a name for in-memory splits).</summary>
    public string Name { get; }

    /// <summary>Number of tokens.</summary>
    public long Length { get; }

    /// <summary>Whether a loss mask restricts which tokens are trained on.</summary>
    public bool HasMask => maskView is not null || mask is not null;

    /// <summary>
    /// Maps <paramref name="path"/> (and <paramref name="maskPath"/> when given) and checks that every token id is
    /// below <paramref name="vocabSize"/>; throws naming the file and the problem when it is missing or corrupt.
    /// </summary>
    public static TokenSplit Open(string path, int vocabSize, string? maskPath = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Token file not found: {path}. A dataset folder needs train.bin and val.bin (flat little-endian UInt16 token ids) and meta.json; build it with `scaling data` or point --data at the right folder.", path);
        long bytes = new FileInfo(path).Length;
        if (bytes == 0 || bytes % 2 != 0)
            throw new InvalidDataException($"Token file {path} is corrupt: {bytes} bytes is not a positive whole number of UInt16 tokens. Rebuild the dataset.");
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.Read);
        MemoryMappedFile? maskFile = null;
        MemoryMappedViewAccessor? maskView = null;
        if (maskPath is not null)
        {
            try
            {
                if (!File.Exists(maskPath)) throw new FileNotFoundException($"Loss-mask file not found: {maskPath}.", maskPath);
                long maskBytes = new FileInfo(maskPath).Length;
                if (maskBytes != bytes / 2)
                    throw new InvalidDataException($"Loss-mask file {maskPath} has {maskBytes} bytes but {path} has {bytes / 2} tokens; a mask holds one byte per token. Rebuild the dataset.");
                maskFile = MemoryMappedFile.CreateFromFile(maskPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                maskView = maskFile.CreateViewAccessor(0, maskBytes, MemoryMappedFileAccess.Read);
            }
            catch
            {
                // A bad mask must not leave the token file mapped.
                maskFile?.Dispose();
                view.Dispose();
                file.Dispose();
                throw;
            }
        }
        var split = new TokenSplit(path, bytes / 2, file, view, null, maskFile, maskView, null);
        split.CheckTokensBelow(vocabSize);
        return split;
    }

    /// <summary>An in-memory split (tests, generated data); <paramref name="mask"/> marks the tokens trained on.</summary>
    public static TokenSplit FromTokens(string name, ushort[] tokens, int vocabSize, bool[]? mask = null)
    {
        if (tokens.Length == 0) throw new ArgumentException($"Split {name} has no tokens.");
        if (mask is not null && mask.Length != tokens.Length)
            throw new ArgumentException($"Split {name}: mask length {mask.Length} differs from token count {tokens.Length}.");
        var split = new TokenSplit(name, tokens.Length, null, null, tokens, null, null, mask);
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

    /// <summary>Whether token <paramref name="index"/> counts in the loss (always true without a mask).</summary>
    public bool IsTrained(long index) =>
        mask is not null ? mask[index] : maskView is null || maskView.ReadByte(index) != 0;

    /// <inheritdoc />
    public void Dispose()
    {
        view?.Dispose();
        file?.Dispose();
        maskView?.Dispose();
        maskFile?.Dispose();
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
