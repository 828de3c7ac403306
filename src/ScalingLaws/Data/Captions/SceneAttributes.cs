namespace ScalingLaws.Data.Captions;

/// <summary>A value of a scene attribute: its name, the words a caption may use for it (synonyms), and what it draws.</summary>
/// <typeparam name="T">What the value draws: a mask, a colour, a size in pixels.</typeparam>
/// <param name="Name">The value's name (meta.json, tests).</param>
/// <param name="Words">Caption alternatives, each one or more words; the first is <paramref name="Name"/>.</param>
/// <param name="Drawn">What it draws.</param>
public sealed record AttributeValue<T>(string Name, IReadOnlyList<string[]> Words, T Drawn);

/// <summary>
/// The world of the generated scenes: shape kinds (masks on a size x size square), colours, sizes, positions on a grid
/// and backgrounds, each with its words; and the caption templates. A caption may name a value by any of its synonyms;
/// the synonyms of different values never share a caption (<see cref="CaptionEntropy"/> checks), so they carry no
/// information about the image.
/// </summary>
public static class SceneAttributes
{
    /// <summary>The attributes a caption can describe, in the order of a description's id digits.</summary>
    public static readonly IReadOnlyList<string> Names = ["kind", "colour", "size", "position", "background"];

    /// <summary>
    /// Shape kinds as masks over pixel centres (u, v) in [−1, 1]², u to the right and v down; at 3 pixels some kinds
    /// draw the same mask (a circle is a square), which the exact mutual information accounts for.
    /// </summary>
    public static readonly IReadOnlyList<AttributeValue<Func<double, double, double, bool>>> Kinds =
    [
        Value<Func<double, double, double, bool>>("square", ["box"], (u, v, px) => true),
        Value<Func<double, double, double, bool>>("circle", ["disc"], (u, v, px) => u * u + v * v <= 1 + 1e-9),
        // Pointing up: half-width (v + 1) / 2, widened by half a pixel (px is a pixel's width in u) so that rows are whole.
        Value<Func<double, double, double, bool>>("triangle", ["wedge"], (u, v, px) => Math.Abs(u) <= (v + 1) / 2 + px / 2 + 1e-9),
        Value<Func<double, double, double, bool>>("plus", ["cross"], (u, v, px) => Math.Abs(u) < 0.35 || Math.Abs(v) < 0.35),
        Value<Func<double, double, double, bool>>("diamond", ["rhombus"], (u, v, px) => Math.Abs(u) + Math.Abs(v) <= 1 + 1e-9),
        Value<Func<double, double, double, bool>>("frame", ["outline"], (u, v, px) => Math.Max(Math.Abs(u), Math.Abs(v)) > 1 - px),
        Value<Func<double, double, double, bool>>("bar", ["stripe"], (u, v, px) => Math.Abs(v) < 0.35),
        Value<Func<double, double, double, bool>>("column", ["pillar"], (u, v, px) => Math.Abs(u) < 0.35),
    ];

    /// <summary>Shape colours (before squeezing for noise); far apart, so the default noise never confuses two of them.</summary>
    public static readonly IReadOnlyList<AttributeValue<byte[]>> Colours =
    [
        Value<byte[]>("red", ["scarlet"], [220, 30, 30]),
        Value<byte[]>("green", ["emerald"], [30, 190, 40]),
        Value<byte[]>("blue", ["cobalt"], [40, 70, 230]),
        Value<byte[]>("yellow", ["golden"], [240, 220, 30]),
        Value<byte[]>("cyan", ["turquoise"], [30, 210, 220]),
        Value<byte[]>("magenta", ["purple"], [210, 40, 210]),
        Value<byte[]>("white", ["pale"], [240, 240, 240]),
        Value<byte[]>("pink", ["rosy"], [250, 140, 190]),
    ];

    /// <summary>Background colours: dark, none of them a shape colour.</summary>
    public static readonly IReadOnlyList<AttributeValue<byte[]>> Backgrounds =
    [
        Value<byte[]>("black", [], [0, 0, 0]),
        Value<byte[]>("navy", [], [10, 20, 100]),
        Value<byte[]>("maroon", [], [100, 15, 15]),
        Value<byte[]>("forest", [], [15, 80, 25]),
    ];

    /// <summary>Shape sizes in pixels, by how many sizes the scenes use.</summary>
    public static IReadOnlyList<AttributeValue<int>> Sizes(int count) => count switch
    {
        1 => [Value("medium", ["mid-sized"], 4)],
        2 => [Value("small", ["little"], 3), Value("large", ["big"], 5)],
        3 => [Value("small", ["little"], 3), Value("medium", ["mid-sized"], 4), Value("large", ["big"], 5)],
        _ => throw new ArgumentOutOfRangeException(nameof(count), $"sizes is {count}; it must be 1, 2 or 3."),
    };

    /// <summary>Positions: the cell of a grid x grid partition of the canvas that holds the shape's centre, by row then column.</summary>
    public static IReadOnlyList<AttributeValue<(int Row, int Column)>> Positions(int grid) => grid switch
    {
        2 => [Corner("top", "upper", "left", 0, 0), Corner("top", "upper", "right", 0, 1), Corner("bottom", "lower", "left", 1, 0), Corner("bottom", "lower", "right", 1, 1)],
        3 =>
        [
            Corner("top", "upper", "left", 0, 0), Phrases("top", (0, 1), "at the top", "along the top"), Corner("top", "upper", "right", 0, 2),
            Phrases("left", (1, 0), "on the left", "at the left"), Phrases("centre", (1, 1), "in the centre", "in the middle"), Phrases("right", (1, 2), "on the right", "at the right"),
            Corner("bottom", "lower", "left", 2, 0), Phrases("bottom", (2, 1), "at the bottom", "along the bottom"), Corner("bottom", "lower", "right", 2, 2),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(grid), $"grid is {grid}; it must be 2 (quadrants) or 3 (a 3x3 grid)."),
    };

    /// <summary>The words for a background: "on black", "on a black background", "against black".</summary>
    public static IReadOnlyList<string[]> BackgroundWords(string name) =>
        [["on", name], ["on", "a", name, "background"], ["against", name]];

    /// <summary>The noun when the kind is not described.</summary>
    public static readonly IReadOnlyList<string[]> UndescribedKind = [["shape"], ["thing"]];

    /// <summary>
    /// Caption templates: the same attributes in several word orders and frames; an undescribed attribute's slot is
    /// empty (its kind becomes "shape" or "thing").
    /// </summary>
    public static readonly CaptionTemplates Templates = new(
    [
        "[a|one] {size} {colour} {kind} {position} {background}",
        "{position} [there is|we see|you can see] [a|one] {size} {colour} {kind} {background}",
        "[a picture|an image|a drawing] of [a|one] {size} {colour} {kind} {position} {background}",
        "[a|one] {size} {colour} {kind} {background} {position}",
    ]);

    private static AttributeValue<T> Value<T>(string name, string[] synonyms, T drawn) =>
        new(name, [[name], .. synonyms.Select(s => s.Split(' '))], drawn);

    private static AttributeValue<(int, int)> Phrases(string name, (int, int) cell, params string[] phrases) =>
        new(name, phrases.Select(p => p.Split(' ')).ToArray(), cell);

    private static AttributeValue<(int, int)> Corner(string vertical, string verticalSynonym, string horizontal, int row, int column) =>
        Phrases($"{vertical} {horizontal}", (row, column), $"in the {vertical} {horizontal}", $"at the {vertical} {horizontal}", $"in the {verticalSynonym} {horizontal}");
}
