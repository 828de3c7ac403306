using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Captions;

/// <summary>
/// The settings of <c>{"kind": "scenes", ...}</c>: how rich the scenes are (kinds, colours, sizes, grid, backgrounds,
/// noise, which attributes the captions describe), which part comes first, how much training data is blanked, and how
/// much data to draw. Richer scenes carry more information per caption and take larger models to capture.
/// </summary>
public sealed record SceneSettings
{
    /// <summary>The keys a "scenes" entry may carry besides "kind".</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
        { "order", "kinds", "colours", "sizes", "grid", "backgrounds", "noise", "described", "blank_fraction", "train_images", "val_images", "mi_samples", "seed" };

    /// <summary>Caption first or image first.</summary>
    public PairOrder Order { get; init; } = PairOrder.TextToImage;

    /// <summary>Shape kinds used: the first this many of <see cref="SceneAttributes.Kinds"/> (1-8).</summary>
    public int Kinds { get; init; } = 8;

    /// <summary>Shape colours used (1-8).</summary>
    public int Colours { get; init; } = 8;

    /// <summary>Shape sizes: 1 (4 pixels), 2 (3 and 5) or 3 (3, 4, 5).</summary>
    public int Sizes { get; init; } = 2;

    /// <summary>Positions a caption names: a 2x2 or 3x3 grid of cells; the exact placement within a cell is never described.</summary>
    public int Grid { get; init; } = 3;

    /// <summary>Background colours (1-4).</summary>
    public int Backgrounds { get; init; } = 4;

    /// <summary>Binomial trials n of the noise on every intensity (even, 0-64): offsets −n/2 … n/2.</summary>
    public int Noise { get; init; } = 16;

    /// <summary>The attributes captions describe (of kind, colour, size, position, background); the others add to H(image | caption).</summary>
    public IReadOnlyList<string> Described { get; init; } = ["kind", "colour", "size", "position"];

    /// <summary>The share of training pairs blanked (caption for text-to-image, image for image-to-text).</summary>
    public double BlankFraction { get; init; } = 0.5;

    /// <summary>Training pairs drawn (fresh draws: the data are unlimited).</summary>
    public int TrainImages { get; init; } = 100_000;

    /// <summary>Validation pairs (and as many in val_blank).</summary>
    public int ValImages { get; init; } = 4096;

    /// <summary>Images sampled for the noise term of the exact MI, used only when noise can confuse two colours.</summary>
    public int MiSamples { get; init; } = 20_000;

    /// <summary>The generator's seed.</summary>
    public int Seed { get; init; }

    /// <summary>Reads and checks an entry (no I/O); throws <see cref="ArgumentException"/> naming the setting.</summary>
    public static SceneSettings From(JsonObject spec)
    {
        int noise = DatasetSpec.Int(spec, "noise", 16, 0, 64);
        if (noise % 2 != 0) throw new ArgumentException($"dataset: noise is the number of binomial trials and must be even; got {noise}.");
        return new SceneSettings
        {
            Order = CaptionPairs.ReadOrder(spec),
            Kinds = DatasetSpec.Int(spec, "kinds", 8, 1, SceneAttributes.Kinds.Count),
            Colours = DatasetSpec.Int(spec, "colours", 8, 1, SceneAttributes.Colours.Count),
            Sizes = DatasetSpec.Int(spec, "sizes", 2, 1, 3),
            Grid = DatasetSpec.Int(spec, "grid", 3, 2, 3),
            Backgrounds = DatasetSpec.Int(spec, "backgrounds", 4, 1, SceneAttributes.Backgrounds.Count),
            Noise = noise,
            Described = ReadDescribed(spec),
            BlankFraction = CaptionPairs.ReadBlankFraction(spec),
            TrainImages = DatasetSpec.Int(spec, "train_images", 100_000, 1, 10_000_000),
            ValImages = DatasetSpec.Int(spec, "val_images", 4096, 1, 1_000_000),
            MiSamples = DatasetSpec.Int(spec, "mi_samples", 20_000, 100, 10_000_000),
            Seed = DatasetSpec.Int(spec, "seed", 0, 0),
        };
    }

    private static IReadOnlyList<string> ReadDescribed(JsonObject spec)
    {
        const string Expected = "a list of attribute names, e.g. [\"kind\", \"colour\", \"size\", \"position\"], from kind, colour, size, position, background";
        if (spec["described"] is not { } node) return ["kind", "colour", "size", "position"];
        if (node is not JsonArray array || array.Any(n => n is not JsonValue v || !v.TryGetValue<string>(out _)))
            throw new ArgumentException($"dataset: described must be {Expected}; got {node.ToJsonString()}.");
        var names = array.Select(n => n!.GetValue<string>()).ToArray();
        if (names.Length == 0) throw new ArgumentException($"dataset: described is empty; a caption must describe something: give {Expected}.");
        if (names.FirstOrDefault(n => !SceneAttributes.Names.Contains(n)) is { } unknown)
            throw new ArgumentException($"dataset: described names '{unknown}', which is not an attribute; give {Expected}.");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException($"dataset: described names an attribute twice ({node.ToJsonString()}).");
        return SceneAttributes.Names.Where(names.Contains).ToArray();
    }
}
