using ScalingLaws.Data;
using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

/// <summary>Reads the pairs of a prepared caption-image folder back, for tests.</summary>
internal static class CaptionFolders
{
    public static IReadOnlyList<(IReadOnlyList<string>? Words, byte[]? Pixels, ushort Subset)> Read(string folder, string split)
    {
        var codec = CaptionPairs.Codec(folder);
        var layout = DatasetLayout.Load(folder);
        using var tokens = TokenDataset.OpenExtraSplit(folder, split, layout);
        return Enumerable.Range(0, tokens.ExampleCount).Select(i =>
        {
            var example = tokens.Example(i);
            var (words, pixels) = CaptionPairs.Decode(codec, example);
            return (words, pixels, example.Subset);
        }).ToArray();
    }

    public static string Caption(IReadOnlyList<string>? words) => words is null ? "<blank>" : string.Join(' ', words);
}
