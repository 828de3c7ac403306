using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// The generator's settings, read from a sweep's <c>{"kind": "math", ...}</c> entry with its defaults (see
/// <see cref="MathDatasetKind"/> for what each means). Training draws from <see cref="Entropy"/>, <see cref="Terms"/> and
/// <see cref="Items"/>; the extrapolate set from <see cref="ExtrapolateEntropy"/> and <see cref="ExtraTerms"/> or
/// <see cref="ExtraItems"/> more terms or items than training's most.
/// </summary>
public sealed record MathSettings
{
    /// <summary>Highest entropy a setting may ask for: add_or_sub doubles it, and 2 x 20 digits fill a 160-character question.</summary>
    public const double MaxEntropy = 20;

    /// <summary>The modules, in the catalogue's order.</summary>
    public required IReadOnlyList<MathModule> Modules { get; init; }

    /// <summary>Training questions per module.</summary>
    public int TrainPerModule { get; init; } = 20_000;

    /// <summary>Held-out questions per module from the training distribution (early stopping).</summary>
    public int ValPerModule { get; init; } = 200;

    /// <summary>Questions per module in each test set, interpolate and extrapolate.</summary>
    public int TestPerModule { get; init; } = 500;

    /// <summary>Entropy of training (and interpolate) questions; the original's is [3, 10].</summary>
    public EntropyRange Entropy { get; init; } = new(2, 4);

    /// <summary>Entropy of extrapolate questions; the original's is [10, 12] (arithmetic) or 12.</summary>
    public EntropyRange ExtrapolateEntropy { get; init; } = new(6, 7);

    /// <summary>Integer constants in training expressions; the original's 3-8 operations are 4-9 terms.</summary>
    public CountRange Terms { get; init; } = new(2, 4);

    /// <summary>Extrapolate expressions have 1 to this many more terms than training's most (the original: 3).</summary>
    public int ExtraTerms { get; init; } = 3;

    /// <summary>Numbers in training lists; the original's are 3-8 (sort, kth_biggest) and 3-6 (closest).</summary>
    public CountRange Items { get; init; } = new(3, 5);

    /// <summary>Extrapolate lists have 1 to this many more items than training's most (the original: 2).</summary>
    public int ExtraItems { get; init; } = 2;

    /// <summary>Seeds every draw.</summary>
    public int Seed { get; init; }

    /// <summary>The difficulty of train, val and interpolate questions.</summary>
    public MathDifficulty Training => new(Regime.Training, Entropy, Terms, Items);

    /// <summary>The difficulty of extrapolate questions.</summary>
    public MathDifficulty Extrapolation => new(Regime.Extrapolation, ExtrapolateEntropy,
        new CountRange(Terms.Max + 1, Terms.Max + ExtraTerms), new CountRange(Items.Max + 1, Items.Max + ExtraItems));

    /// <summary>The keys of the generator's settings.</summary>
    public static IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "modules", "train_examples_per_module", "val_examples_per_module", "test_examples_per_module",
        "entropy", "extrapolate_entropy", "terms", "extra_terms", "items", "extra_items", "seed",
    };

    /// <summary>Reads and checks the settings (no I/O); throws <see cref="ArgumentException"/> naming the setting and the fix.</summary>
    public static MathSettings From(JsonObject spec)
    {
        var defaults = new MathSettings { Modules = MathModules.All };
        var entropy = ReadEntropy(spec, "entropy", defaults.Entropy);
        var settings = new MathSettings
        {
            Modules = ReadModules(spec),
            TrainPerModule = DatasetSpec.Int(spec, "train_examples_per_module", defaults.TrainPerModule, 1, 10_000_000),
            ValPerModule = DatasetSpec.Int(spec, "val_examples_per_module", defaults.ValPerModule, 1, 1_000_000),
            TestPerModule = DatasetSpec.Int(spec, "test_examples_per_module", defaults.TestPerModule, 1, 1_000_000),
            Entropy = entropy,
            ExtrapolateEntropy = ReadEntropy(spec, "extrapolate_entropy", new(entropy.Max + 2, entropy.Max + 3)),
            Terms = ReadCount(spec, "terms", defaults.Terms, 1),
            ExtraTerms = DatasetSpec.Int(spec, "extra_terms", defaults.ExtraTerms, 1, 20),
            Items = ReadCount(spec, "items", defaults.Items, 2),
            ExtraItems = DatasetSpec.Int(spec, "extra_items", defaults.ExtraItems, 1, NumberWords.MaxOrdinal),
            Seed = DatasetSpec.Int(spec, "seed", 0, 0),
        };
        if (settings.ExtrapolateEntropy.Min < entropy.Max)
            throw new ArgumentException($"dataset: extrapolate_entropy {settings.ExtrapolateEntropy} must start at or above the top of entropy {entropy}: extrapolation means larger numbers than training's (the original: [10, 12] against [3, 10]).");
        if (settings.ExtrapolateEntropy.Max <= entropy.Max)
            throw new ArgumentException($"dataset: extrapolate_entropy {settings.ExtrapolateEntropy} must reach above the top of entropy {entropy}, or no extrapolate number is larger than a training one.");
        if (settings.Items.Max + settings.ExtraItems > NumberWords.MaxOrdinal)
            throw new ArgumentException($"dataset: items {settings.Items} plus extra_items {settings.ExtraItems} make lists of up to {settings.Items.Max + settings.ExtraItems} numbers; at most {NumberWords.MaxOrdinal} have ordinals (\"twentieth biggest\").");
        return settings;
    }

    /// <summary>The settings as meta.json records them, defaults filled in.</summary>
    public JsonObject ToJson() => new()
    {
        ["modules"] = new JsonArray(Modules.Select(m => (JsonNode)m.Name).ToArray()),
        ["train_examples_per_module"] = TrainPerModule,
        ["val_examples_per_module"] = ValPerModule,
        ["test_examples_per_module"] = TestPerModule,
        ["entropy"] = new JsonArray(Entropy.Min, Entropy.Max),
        ["extrapolate_entropy"] = new JsonArray(ExtrapolateEntropy.Min, ExtrapolateEntropy.Max),
        ["terms"] = new JsonArray(Terms.Min, Terms.Max),
        ["extra_terms"] = ExtraTerms,
        ["items"] = new JsonArray(Items.Min, Items.Max),
        ["extra_items"] = ExtraItems,
        ["seed"] = Seed,
    };

    /// <summary>The "modules" setting: module names (all when absent); throws naming an unknown or repeated one.</summary>
    public static IReadOnlyList<string>? ReadModuleNames(JsonObject spec)
    {
        if (spec["modules"] is not { } node) return null;
        if (node is not JsonArray array || array.Count == 0 || array.Any(n => n is not JsonValue v || !v.TryGetValue(out string? _)))
            throw new ArgumentException($"dataset: modules must be a non-empty list of module names such as [\"arithmetic__add_or_sub\"]; got {node.ToJsonString()}.");
        var names = array.Select(n => n!.GetValue<string>()).ToList();
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new ArgumentException($"dataset: modules names '{repeated.Key}' twice.");
        return names;
    }

    private static IReadOnlyList<MathModule> ReadModules(JsonObject spec)
    {
        if (ReadModuleNames(spec) is not { } names) return MathModules.All;
        var chosen = names.Select(MathModules.Named).ToHashSet();
        return MathModules.All.Where(chosen.Contains).ToArray();
    }

    private static EntropyRange ReadEntropy(JsonObject spec, string name, EntropyRange fallback)
    {
        if (Pair(spec, name) is not { } pair) return fallback;
        if (!(pair.Min >= 1 && pair.Min <= pair.Max && pair.Max <= MaxEntropy))
            throw new ArgumentException($"dataset: {name} is [{pair.Min}, {pair.Max}]; it must be [min, max] with 1 <= min <= max <= {MaxEntropy} (an entropy of e is about e decimal digits).");
        return new EntropyRange(pair.Min, pair.Max);
    }

    private static CountRange ReadCount(JsonObject spec, string name, CountRange fallback, int least)
    {
        if (Pair(spec, name) is not { } pair) return fallback;
        if (pair.Min != Math.Floor(pair.Min) || pair.Max != Math.Floor(pair.Max) || pair.Min < least || pair.Min > pair.Max || pair.Max > NumberWords.MaxOrdinal)
            throw new ArgumentException($"dataset: {name} is [{pair.Min}, {pair.Max}]; it must be [min, max], whole numbers with {least} <= min <= max <= {NumberWords.MaxOrdinal}.");
        return new CountRange((int)pair.Min, (int)pair.Max);
    }

    private static (double Min, double Max)? Pair(JsonObject spec, string name)
    {
        if (spec[name] is not { } node) return null;
        if (node is JsonArray { Count: 2 } array && Number(array[0]) is { } min && Number(array[1]) is { } max) return (min, max);
        throw new ArgumentException($"dataset: {name} must be a pair [min, max] of numbers; got {node.ToJsonString()}.");
    }

    // A number from parsed JSON or from a value built in code (JsonValue.Create(4) holds an int, not a double).
    private static double? Number(JsonNode? node) => node is not JsonValue v ? null
        : v.TryGetValue(out double d) ? d : v.TryGetValue(out int i) ? i : v.TryGetValue(out long l) ? l : null;
}
