using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScalingLaws.Data;

/// <summary>
/// A byte-level BPE tokenizer: ids 0-255 are the bytes themselves and merge i creates id 256 + i (Sennrich et al.
/// 2016; byte-level as in GPT-2). With no merges it is the plain byte tokenizer (vocabulary 256). Any byte string,
/// valid UTF-8 or not, encodes and decodes back exactly. Encoding caches each distinct word, so a corpus with a
/// Zipfian vocabulary is encoded at close to the speed of reading it. Not thread-safe (the cache is shared).
/// </summary>
public sealed class BytePairTokenizer
{
    private readonly (int Left, int Right)[] _merges;
    private readonly Dictionary<long, int> _rankOfPair; // pair -> merge index (lower merges first)
    private readonly byte[][] _bytesOfToken;
    private readonly Dictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);

    /// <summary>Creates a tokenizer from merges in the order they were learned.</summary>
    public BytePairTokenizer(IReadOnlyList<(int Left, int Right)> merges)
    {
        if (256 + merges.Count > 65536)
            throw new ArgumentException($"{256 + merges.Count} tokens do not fit the UInt16 token files; use a vocabulary of at most 65536.", nameof(merges));
        _merges = merges.ToArray();
        _rankOfPair = new Dictionary<long, int>(_merges.Length);
        _bytesOfToken = new byte[256 + _merges.Length][];
        for (int b = 0; b < 256; b++) _bytesOfToken[b] = [(byte)b];
        for (int i = 0; i < _merges.Length; i++)
        {
            var (left, right) = _merges[i];
            int id = 256 + i;
            if ((uint)left >= id || (uint)right >= id)
                throw new ArgumentException($"Merge {i} ({left}, {right}) refers to a token not yet defined (ids below {id} exist).", nameof(merges));
            _rankOfPair.TryAdd(Pair(left, right), i);
            _bytesOfToken[id] = [.. _bytesOfToken[left], .. _bytesOfToken[right]];
        }
    }

    /// <summary>The plain byte tokenizer: one token per byte, vocabulary 256.</summary>
    public static BytePairTokenizer Bytes() => new([]);

    /// <summary>Number of distinct token ids (256 + merges).</summary>
    public int VocabSize => 256 + _merges.Length;

    /// <summary>The learned merges, in order.</summary>
    public IReadOnlyList<(int Left, int Right)> Merges => _merges;

    /// <summary>"bytes" without merges, otherwise "bpe".</summary>
    public string Kind => _merges.Length == 0 ? "bytes" : "bpe";

    /// <summary>The bytes a token stands for.</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => _bytesOfToken[id];

    /// <summary>Encodes text given as UTF-8.</summary>
    public ushort[] Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    /// <summary>Encodes raw bytes.</summary>
    public ushort[] Encode(byte[] bytes)
    {
        var output = new List<ushort>(bytes.Length / 2 + 16);
        EncodeInto(bytes, output);
        return [.. output];
    }

    /// <summary>Appends the tokens of <paramref name="bytes"/> to <paramref name="output"/>.</summary>
    public void EncodeInto(byte[] bytes, List<ushort> output)
    {
        if (_merges.Length == 0)
        {
            foreach (byte b in bytes) output.Add(b);
            return;
        }
        // Words are looked up by their Latin-1 image (one char per byte), so invalid UTF-8 is just another key.
        var chars = new char[bytes.Length];
        Encoding.Latin1.GetChars(bytes, chars);
        var cache = _wordCache.GetAlternateLookup<ReadOnlySpan<char>>();
        PreTokenizer.Split(bytes, (start, length) =>
        {
            var key = chars.AsSpan(start, length);
            if (!cache.TryGetValue(key, out int[]? tokens))
            {
                tokens = EncodeWord(bytes.AsSpan(start, length));
                cache[key] = tokens;
            }
            foreach (int t in tokens) output.Add((ushort)t);
        });
    }

    /// <summary>Decodes token ids back to the exact bytes.</summary>
    public byte[] DecodeBytes(ReadOnlySpan<ushort> tokens)
    {
        var output = new List<byte>(tokens.Length * 3);
        foreach (ushort t in tokens)
        {
            if (t >= VocabSize)
                throw new ArgumentOutOfRangeException(nameof(tokens), t, $"Token id {t} is outside this tokenizer's vocabulary of {VocabSize}.");
            output.AddRange(_bytesOfToken[t]);
        }
        return [.. output];
    }

    /// <summary>Decodes token ids to text (invalid UTF-8 becomes U+FFFD; use <see cref="DecodeBytes"/> for exact bytes).</summary>
    public string Decode(ReadOnlySpan<ushort> tokens) => Encoding.UTF8.GetString(DecodeBytes(tokens));

    /// <summary>Applies merges to one word, lowest rank first, as they were learned.</summary>
    private int[] EncodeWord(ReadOnlySpan<byte> word)
    {
        var symbols = new List<int>(word.Length);
        foreach (byte b in word) symbols.Add(b);
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            for (int i = 0; i + 1 < symbols.Count; i++)
                if (_rankOfPair.TryGetValue(Pair(symbols[i], symbols[i + 1]), out int rank) && rank < bestRank)
                    bestRank = rank;
            if (bestRank == int.MaxValue) break;
            var (left, right) = _merges[bestRank];
            int merged = 256 + bestRank, write = 0;
            for (int read = 0; read < symbols.Count; read++)
            {
                if (read + 1 < symbols.Count && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write++] = merged;
                    read++;
                }
                else symbols[write++] = symbols[read];
            }
            symbols.RemoveRange(write, symbols.Count - write);
        }
        return [.. symbols];
    }

    internal static long Pair(int left, int right) => ((long)left << 32) | (uint)right;

    // ---- JSON (tokenizer.json next to the token files) ----

    private sealed record TokenizerFile(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("vocab_size")] int VocabSize,
        [property: JsonPropertyName("pre_tokenizer")] string PreTokenizer,
        [property: JsonPropertyName("merges")] int[][] Merges,
        [property: JsonPropertyName("tokens")] string[]? Tokens);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    /// <summary>
    /// Writes the tokenizer as JSON: the merges (pairs of ids, in order) and, for people, each token's bytes
    /// with non-printable bytes escaped as \xNN.
    /// </summary>
    public void Save(string path)
    {
        var file = new TokenizerFile("byte-level-bpe", VocabSize,
            $"gpt2-like: letters | digits | other symbols, each with one leading space; whitespace runs; max {PreTokenizer.MaxWordBytes} bytes",
            _merges.Select(m => new[] { m.Left, m.Right }).ToArray(),
            Enumerable.Range(0, VocabSize).Select(id => Printable(_bytesOfToken[id])).ToArray());
        File.WriteAllText(path, JsonSerializer.Serialize(file, JsonOptions));
    }

    /// <summary>Reads a tokenizer written by <see cref="Save"/>.</summary>
    public static BytePairTokenizer Load(string path)
    {
        TokenizerFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TokenizerFile>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a tokenizer JSON file ({e.Message}); regenerate it with `scaling data prepare`.", e);
        }
        if (file is null || file.Type != "byte-level-bpe" || file.Merges is null)
            throw new InvalidDataException($"{path} is not a byte-level-bpe tokenizer file; regenerate it with `scaling data prepare`.");
        if (file.Merges.Any(m => m.Length != 2))
            throw new InvalidDataException($"{path}: every merge must be a pair [left, right] of token ids.");
        var tokenizer = new BytePairTokenizer(file.Merges.Select(m => (m[0], m[1])).ToList());
        if (tokenizer.VocabSize != file.VocabSize)
            throw new InvalidDataException($"{path} says vocab_size {file.VocabSize} but holds {file.Merges.Length} merges (vocabulary {tokenizer.VocabSize}).");
        return tokenizer;
    }

    private static string Printable(byte[] bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
            builder.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? (char)b : $"\\x{b:X2}");
        return builder.ToString();
    }
}
