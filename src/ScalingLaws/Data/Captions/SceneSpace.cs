using ScalingLaws.Data.Images;

namespace ScalingLaws.Data.Captions;

/// <summary>One scene: a shape of a kind, colour and size, its top-left pixel, and the background (indices into the space's lists).</summary>
/// <param name="Kind">Index into the kinds used.</param>
/// <param name="Colour">Index into the colours used.</param>
/// <param name="Size">Index into the sizes used.</param>
/// <param name="Left">Column of the shape's top-left pixel.</param>
/// <param name="Top">Row of the shape's top-left pixel.</param>
/// <param name="Background">Index into the backgrounds used.</param>
public sealed record Scene(int Kind, int Colour, int Size, int Left, int Top, int Background);

/// <summary>
/// Every scene the settings allow, with its probability, its render on an 8x8 RGB canvas and its description (the
/// values of the described attributes). A scene draws kind, colour, size and background uniformly, then the shape's
/// placement uniformly among those that fit the canvas; its position is the grid cell holding the shape's centre. The
/// caption names the described attributes through <see cref="SceneAttributes.Templates"/>; the exact I(caption; image)
/// is <see cref="DescribedImageSource.Information"/> of <see cref="Source"/>.
/// </summary>
public sealed class SceneSpace
{
    /// <summary>The canvas side, pixels.</summary>
    public const int Canvas = 8;

    /// <summary>Intensities per image: 8 x 8 x RGB.</summary>
    public const int Intensities = Canvas * Canvas * 3;

    private readonly SceneSettings settings;
    private readonly IReadOnlyList<AttributeValue<int>> sizes;
    private readonly IReadOnlyList<AttributeValue<(int Row, int Column)>> positions;
    private readonly byte[][] colours, backgrounds;
    private readonly int[] radix;          // values per described attribute, in SceneAttributes.Names order
    private readonly string[] described;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string[]>>[] words;   // by description

    /// <param name="settings">The scene settings (richness and noise).</param>
    public SceneSpace(SceneSettings settings)
    {
        this.settings = settings;
        sizes = SceneAttributes.Sizes(settings.Sizes);
        positions = SceneAttributes.Positions(settings.Grid);
        colours = SceneAttributes.Colours.Take(settings.Colours).Select(c => BinomialNoise.Squeeze(c.Drawn, settings.Noise)).ToArray();
        backgrounds = SceneAttributes.Backgrounds.Take(settings.Backgrounds).Select(c => BinomialNoise.Squeeze(c.Drawn, settings.Noise)).ToArray();
        described = [.. settings.Described];
        radix = described.Select(ValueCount).ToArray();
        words = Enumerable.Range(0, Descriptions).Select(WordsOf).ToArray();

        var scenes = new List<Scene>();
        var probabilities = new List<double>();
        for (int k = 0; k < settings.Kinds; k++)
            for (int c = 0; c < settings.Colours; c++)
                for (int s = 0; s < sizes.Count; s++)
                {
                    int places = Canvas - sizes[s].Drawn + 1;
                    for (int top = 0; top < places; top++)
                        for (int left = 0; left < places; left++)
                            for (int b = 0; b < settings.Backgrounds; b++)
                            {
                                scenes.Add(new Scene(k, c, s, left, top, b));
                                probabilities.Add(1.0 / (settings.Kinds * settings.Colours * sizes.Count * settings.Backgrounds * places * places));
                            }
                }
        Scenes = scenes;
        Probabilities = probabilities;
        Source = new DescribedImageSource(scenes.Select((scene, i) => (probabilities[i], Describe(scene), Render(scene))).ToArray(), new BinomialNoise(settings.Noise), channels: 3);
    }

    /// <summary>Every scene.</summary>
    public IReadOnlyList<Scene> Scenes { get; }

    /// <summary>p(scene), in the order of <see cref="Scenes"/>.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>The scenes as a source of described, noisy images (scene i of the source is <see cref="Scenes"/>[i]).</summary>
    public DescribedImageSource Source { get; }

    /// <summary>Number of descriptions: the product of the described attributes' value counts.</summary>
    public int Descriptions => radix.Aggregate(1, (n, r) => n * r);

    /// <summary>The clean 8x8 RGB render of a scene (colours squeezed so that noise never clips).</summary>
    public byte[] Render(Scene scene)
    {
        var pixels = new byte[Intensities];
        var background = backgrounds[scene.Background];
        var colour = colours[scene.Colour];
        int side = sizes[scene.Size].Drawn;
        var mask = SceneAttributes.Kinds[scene.Kind].Drawn;
        double pixel = 2.0 / side;
        for (int y = 0; y < Canvas; y++)
            for (int x = 0; x < Canvas; x++)
            {
                int i = x - scene.Left, j = y - scene.Top;
                bool inside = i >= 0 && i < side && j >= 0 && j < side && mask((i + 0.5) * pixel - 1, (j + 0.5) * pixel - 1, pixel);
                (inside ? colour : background).CopyTo(pixels, (y * Canvas + x) * 3);
            }
        return pixels;
    }

    /// <summary>The grid cell (row, column) holding the shape's centre (a centre on a cell boundary goes right or down).</summary>
    public (int Row, int Column) Cell(Scene scene)
    {
        double centre = sizes[scene.Size].Drawn / 2.0;
        int Index(double c) => Math.Min(settings.Grid - 1, (int)Math.Floor(c * settings.Grid / Canvas));
        return (Index(scene.Top + centre), Index(scene.Left + centre));
    }

    /// <summary>The description of a scene as an id: the described attributes' values as digits.</summary>
    public int Describe(Scene scene)
    {
        int id = 0;
        for (int a = 0; a < described.Length; a++) id = id * radix[a] + ValueOf(scene, described[a]);
        return id;
    }

    /// <summary>The caption words of a description: for every attribute its synonyms, or none when it is not described.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string[]>> Words(int description) => words[description];

    private IReadOnlyDictionary<string, IReadOnlyList<string[]>> WordsOf(int description)
    {
        var values = new int[described.Length];
        for (int a = described.Length - 1; a >= 0; a--) { values[a] = description % radix[a]; description /= radix[a]; }
        var result = SceneAttributes.Names.ToDictionary(n => n, n => n == "kind" ? SceneAttributes.UndescribedKind : (IReadOnlyList<string[]>)[[]], StringComparer.Ordinal);
        for (int a = 0; a < described.Length; a++)
            result[described[a]] = described[a] switch
            {
                "kind" => SceneAttributes.Kinds[values[a]].Words,
                "colour" => SceneAttributes.Colours[values[a]].Words,
                "size" => sizes[values[a]].Words,
                "position" => positions[values[a]].Words,
                _ => SceneAttributes.BackgroundWords(SceneAttributes.Backgrounds[values[a]].Name),
            };
        return result;
    }

    /// <summary>Every description with its probability p(d) = Σ p(scene) over its scenes.</summary>
    public IEnumerable<(double Probability, IReadOnlyDictionary<string, IReadOnlyList<string[]>> Words)> DescriptionDistribution()
    {
        var p = new double[Descriptions];
        for (int s = 0; s < Scenes.Count; s++) p[Describe(Scenes[s])] += Probabilities[s];
        return p.Select((probability, d) => (probability, Words(d)));
    }

    /// <summary>Draws a caption for a scene.</summary>
    public string[] Caption(Scene scene, Random rng) => SceneAttributes.Templates.Sample(Words(Describe(scene)), rng);

    private int ValueOf(Scene scene, string attribute) => attribute switch
    {
        "kind" => scene.Kind,
        "colour" => scene.Colour,
        "size" => scene.Size,
        "position" => Cell(scene) is var (row, column) ? row * settings.Grid + column : 0,
        "background" => scene.Background,
        _ => throw new ArgumentException($"Unknown attribute {attribute}."),
    };

    private int ValueCount(string attribute) => attribute switch
    {
        "kind" => settings.Kinds,
        "colour" => settings.Colours,
        "size" => sizes.Count,
        "position" => positions.Count,
        "background" => settings.Backgrounds,
        _ => throw new ArgumentException($"Unknown attribute {attribute}."),
    };
}
