namespace ScalingLaws.Data;

/// <summary>Which part of a caption-image pair comes first (Henighan et al. 2020 train both).</summary>
public enum PairOrder
{
    /// <summary>Caption, then image: the model draws the image the caption describes.</summary>
    TextToImage,
    /// <summary>Image, then caption: the model describes the image.</summary>
    ImageToText,
}

/// <summary>
/// A caption and an image as one token sequence, in one vocabulary: intensities 0-255, then special tokens, then the
/// caption words. Text first: [start, words..., end-of-caption, padding to the caption length, intensities]; image
/// first: [start, intensities, words..., end-of-caption, padding]. Every part sits at a fixed position. A blank caption
/// is [blank, end-of-caption] and a blank image is [blank, padding...]: both are context only (region 0), so the model
/// learns p(image) (or p(caption)) from blanked pairs, and I(caption; image) = L(part | blank) - L(part | real).
/// </summary>
public sealed record CaptionImageTokens(ImageTokens Image, IReadOnlyList<string> Words, int MaxCaptionWords, PairOrder Order)
{
    /// <summary>The start token.</summary>
    public const ushort Start = 256;

    /// <summary>The padding token.</summary>
    public const ushort Pad = 257;

    /// <summary>Stands for a blanked caption or image.</summary>
    public const ushort Blank = 258;

    /// <summary>Ends a caption.</summary>
    public const ushort EndOfCaption = 259;

    /// <summary>The first word's token.</summary>
    public const ushort FirstWord = 260;

    /// <summary>Region names: caption is region 1, image region 2.</summary>
    public static readonly IReadOnlyList<string> RegionNames = ["caption", "image"];

    /// <summary>Vocabulary size.</summary>
    public int VocabSize => FirstWord + Words.Count;

    /// <summary>Caption tokens including its end token.</summary>
    public int CaptionTokens => MaxCaptionWords + 1;

    /// <summary>Tokens of every example.</summary>
    public int ExampleLength => 1 + CaptionTokens + Image.TokensPerImage;

    private readonly Dictionary<string, ushort> ids = Words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => (ushort)(FirstWord + p.i), StringComparer.Ordinal);

    /// <summary>The layout: one pair per row; a caption ends at its end token when generated.</summary>
    public DatasetLayout Layout() => new()
    {
        VocabSize = VocabSize,
        Layout = DataLayout.Examples,
        Packing = Packing.OnePerRow,
        Regions = RegionNames,
        PadToken = Pad,
        StopTokens = new Dictionary<string, IReadOnlyList<int>> { ["caption"] = [EndOfCaption] },
    };

    /// <summary>A pair as an example; a null caption or image is blanked.</summary>
    public TokenExample Encode(IReadOnlyList<string>? caption, ReadOnlySpan<byte> pixels, ushort subset = 0)
    {
        var tokens = new List<ushort>(ExampleLength) { Start };
        var regions = new List<byte>(ExampleLength) { 0 };
        if (Order == PairOrder.TextToImage)
        {
            AddCaption(caption, tokens, regions);
            AddImage(pixels, tokens, regions);
        }
        else
        {
            AddImage(pixels, tokens, regions);
            AddCaption(caption, tokens, regions);
        }
        return new TokenExample([.. tokens], [.. regions], subset);
    }

    /// <summary>The caption's words from tokens (stops at the end token; unknown tokens are skipped).</summary>
    public IReadOnlyList<string> DecodeCaption(IEnumerable<int> tokens) =>
        tokens.TakeWhile(t => t != EndOfCaption).Where(t => t >= FirstWord && t < VocabSize).Select(t => Words[t - FirstWord]).ToArray();

    private void AddCaption(IReadOnlyList<string>? caption, List<ushort> tokens, List<byte> regions)
    {
        int start = tokens.Count;
        if (caption is null)
        {
            tokens.Add(Blank);
            tokens.Add(EndOfCaption);
            regions.AddRange([0, 0]);
        }
        else
        {
            if (caption.Count > MaxCaptionWords)
                throw new ArgumentException($"The caption \"{string.Join(' ', caption)}\" has {caption.Count} words; the limit is {MaxCaptionWords}.");
            foreach (string word in caption)
            {
                tokens.Add(ids.TryGetValue(word, out var id) ? id : throw new ArgumentException($"The word \"{word}\" is not in the caption vocabulary ({Words.Count} words)."));
                regions.Add(1);
            }
            tokens.Add(EndOfCaption);
            regions.Add(1);
        }
        while (tokens.Count - start < CaptionTokens)
        {
            tokens.Add(Pad);
            regions.Add(0);
        }
    }

    private void AddImage(ReadOnlySpan<byte> pixels, List<ushort> tokens, List<byte> regions)
    {
        if (pixels.IsEmpty)
        {
            tokens.Add(Blank);
            regions.Add(0);
            for (int i = 1; i < Image.TokensPerImage; i++) { tokens.Add(Pad); regions.Add(0); }
            return;
        }
        if (pixels.Length != Image.TokensPerImage)
            throw new ArgumentException($"An image of {Image.Width}x{Image.Height}x{Image.Channels} has {Image.TokensPerImage} intensities; got {pixels.Length}.");
        foreach (byte p in pixels) { tokens.Add(p); regions.Add(2); }
    }
}
