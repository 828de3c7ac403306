namespace ScalingLaws.Data.Captions;

/// <summary>
/// Captions naming a handwritten digit ("a handwritten seven", "the digit 7", "an image of the number seven", ...): the
/// digit as a word or a numeral, in one of several frames, all chosen independently of the image, so the caption
/// carries exactly the label's information about the image.
/// </summary>
public static class DigitCaptions
{
    /// <summary>The digits' names.</summary>
    public static readonly IReadOnlyList<string> Names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>The templates; {digit} is the digit's name or numeral.</summary>
    public static readonly CaptionTemplates Templates = new(
    [
        "a handwritten {digit}",
        "the digit {digit}",
        "the number {digit}",
        "[a picture|an image|a photo] of [the digit|the number|a handwritten] {digit}",
        "{digit} written by hand",
    ]);

    /// <summary>The caption words of a digit: its name or its numeral.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string[]>> Words(int digit) =>
        new Dictionary<string, IReadOnlyList<string[]>> { ["digit"] = [[Names[digit]], [digit.ToString()]] };

    /// <summary>Draws a caption for a digit.</summary>
    public static string[] Caption(int digit, Random rng) => Templates.Sample(Words(digit), rng);
}
