namespace ScalingLaws.Data;

/// <summary>
/// Images as token sequences (Henighan et al. 2020): the intensities of every pixel in raster order, channels
/// interleaved (R, G, B of the first pixel, then the second...), one token per intensity 0-255, after a start token
/// so that every intensity is predicted and scored: an 8x8 RGB image is 1 + 192 tokens, 192 of them targets.
/// </summary>
public sealed record ImageTokens(int Width, int Height, int Channels)
{
    /// <summary>The start token.</summary>
    public const ushort Start = 256;

    /// <summary>The padding token.</summary>
    public const ushort Pad = 257;

    /// <summary>Vocabulary: 256 intensities, start, padding.</summary>
    public const int VocabSize = 258;

    /// <summary>The region name of the pixels.</summary>
    public const string Region = "image";

    /// <summary>Intensities per image (the scored tokens).</summary>
    public int TokensPerImage => Width * Height * Channels;

    /// <summary>The layout of a dataset of such images: one per row.</summary>
    public DatasetLayout Layout() => new()
    {
        VocabSize = VocabSize,
        Layout = DataLayout.Examples,
        Packing = Packing.OnePerRow,
        Regions = [Region],
        PadToken = Pad,
    };

    /// <summary>An image (intensities in raster order, channels interleaved) as an example.</summary>
    public TokenExample Encode(ReadOnlySpan<byte> pixels, ushort subset = 0)
    {
        if (pixels.Length != TokensPerImage)
            throw new ArgumentException($"An image of {Width}x{Height}x{Channels} has {TokensPerImage} intensities; got {pixels.Length}.");
        var tokens = new ushort[TokensPerImage + 1];
        var regions = new byte[TokensPerImage + 1];
        tokens[0] = Start;
        for (int i = 0; i < pixels.Length; i++)
        {
            tokens[i + 1] = pixels[i];
            regions[i + 1] = 1;
        }
        return new TokenExample(tokens, regions, subset);
    }

    /// <summary>Intensities from generated or stored tokens (a token that is not an intensity becomes 0).</summary>
    public static byte[] Decode(IEnumerable<int> tokens) => tokens.Select(t => t is >= 0 and < 256 ? (byte)t : (byte)0).ToArray();
}
