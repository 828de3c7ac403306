namespace ScalingLaws.Information;

/// <summary>The unit of an information quantity.</summary>
public enum InformationUnit
{
    /// <summary>Natural units (log base e): what a cross-entropy loss is measured in.</summary>
    Nats,

    /// <summary>Binary units (log base 2).</summary>
    Bits,
}

/// <summary>
/// Unit conversions for losses and information: nats and bits, and per token to per byte, per image or
/// per word (a loss per token times tokens per unit; Henighan et al. 2020 report 8x8 images in nats per image
/// = 192 tokens x nats per token).
/// </summary>
public static class InformationUnits
{
    /// <summary>ln 2: nats in one bit.</summary>
    public static readonly double NatsPerBit = Math.Log(2);

    /// <summary>Nats to bits.</summary>
    public static double NatsToBits(double nats) => nats / NatsPerBit;

    /// <summary>Bits to nats.</summary>
    public static double BitsToNats(double bits) => bits * NatsPerBit;

    /// <summary>Converts between nats and bits.</summary>
    public static double Convert(double value, InformationUnit from, InformationUnit to) =>
        from == to ? value : from == InformationUnit.Nats ? NatsToBits(value) : BitsToNats(value);

    /// <summary>A per-token quantity expressed per larger unit holding <paramref name="tokensPerUnit"/> tokens on average.</summary>
    public static double PerTokenToPerUnit(double perToken, double tokensPerUnit)
    {
        if (!(tokensPerUnit > 0)) throw new ArgumentOutOfRangeException(nameof(tokensPerUnit), $"tokensPerUnit is {tokensPerUnit}; it must be positive.");
        return perToken * tokensPerUnit;
    }

    /// <summary>Loss per byte of text from loss per token, given the tokenizer's average bytes per token.</summary>
    public static double PerTokenToPerByte(double perToken, double bytesPerToken) => PerTokenToPerUnit(perToken, 1 / bytesPerToken);

    /// <summary>Loss per image from loss per token (e.g. 192 tokens for an 8x8 RGB image).</summary>
    public static double PerTokenToPerImage(double perToken, int tokensPerImage) => PerTokenToPerUnit(perToken, tokensPerImage);

    /// <summary>Loss per word from loss per token, given the average tokens per word.</summary>
    public static double PerTokenToPerWord(double perToken, double tokensPerWord) => PerTokenToPerUnit(perToken, tokensPerWord);
}
