using System.Text.Json.Nodes;

// The folder is Data/Math; the namespace is Mathematics because a namespace ScalingLaws.Data.Math would hide
// System.Math from every file in ScalingLaws.Data.
namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// <c>{"kind": "math", ...}</c>: question-answer pairs at the character level modelled on DeepMind's mathematics dataset
/// (Saxton et al. 2019), as Henighan et al. 2020 trained on, generated here or read from the original's files.
/// <para>
/// Splits: <c>train</c>; <c>val</c>, held-out questions from the training distribution (early stopping);
/// <c>interpolate</c>, more of them (the test set at the training difficulty); <c>extrapolate</c>, larger numbers, more
/// terms or more items than any training question of the module. No val, interpolate or extrapolate question appears in
/// train (duplicates are dropped and counted in meta.json's <c>duplicates_removed</c>).
/// </para>
/// <para>
/// Subsets: one list shared by all splits, the module names as the original names its files: the training modules
/// ("arithmetic__add_or_sub", which train, val and interpolate use) then the extrapolate modules
/// ("arithmetic__add_or_sub_big", which extrapolate uses). meta.json's <c>extrapolate_pairs</c> maps each extrapolate
/// module to its training module, so a notebook can pair them (<see cref="ExtrapolatePairs(string)"/>); <c>subsets_by_split</c>
/// lists the subsets each split holds; <c>questions</c> has, per split and module, the questions kept and dropped and
/// the smallest and largest extrapolation measure.
/// </para>
/// <para>
/// Generated (no "folder"), deterministic from the seed, settings and defaults:
/// <c>modules</c> (all: algebra__linear_1d; arithmetic__add_or_sub, add_sub_multiple, div, mixed, mul, mul_div_multiple;
/// comparison__closest, kth_biggest, sort; numbers__place_value, round_number; polynomials__evaluate),
/// <c>train_examples_per_module</c> 20000, <c>val_examples_per_module</c> 200, <c>test_examples_per_module</c> 500 (for
/// interpolate and for extrapolate), <c>entropy</c> [2, 4] (the training range; the original's is [3, 10], far beyond
/// models a CPU trains in minutes; arithmetic__add_or_sub draws at twice it, as the original), <c>extrapolate_entropy</c>
/// [entropy max + 2, entropy max + 3] (the original: [10, 12] against [3, 10]; two above rather than up to two, so that
/// most draws have a number longer than any training number and few are redrawn), <c>terms</c> [2, 4] and
/// <c>extra_terms</c> 3 (expressions: extrapolate has 1-3 more terms than training's most, as the original's _longer),
/// <c>items</c> [3, 5] and <c>extra_items</c> 2 (lists: as the original's _more), <c>seed</c> 0. The 11 extrapolate
/// modules are the original's _big, _longer and _more twins of the arithmetic, numbers and comparison modules;
/// polynomials__evaluate and algebra__linear_1d have none, as in the original.
/// </para>
/// <para>
/// Read from the original (<c>{"kind": "math", "folder": "/data/mathematics_dataset-v1.0"}</c>): see
/// <see cref="OriginalMathFiles"/>; its settings are <c>folder</c>, <c>modules</c> (training module file names; their
/// extrapolate files come with them) and the three per-module counts, with the same defaults.
/// </para>
/// </summary>
public sealed class MathDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "math";

    /// <summary>The settings a "folder" entry takes.</summary>
    private static readonly IReadOnlySet<string> FolderKeys = new HashSet<string>(StringComparer.Ordinal)
        { "folder", "modules", "train_examples_per_module", "val_examples_per_module", "test_examples_per_module" };

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(MathSettings.Keys.Append("folder"), StringComparer.Ordinal);

    /// <inheritdoc />
    public void Validate(JsonObject spec)
    {
        if (spec["folder"] is null)
        {
            MathSettings.From(spec);
            return;
        }
        FolderSettings(spec);
    }

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation) =>
        spec["folder"] is null ? Generate(spec, cache, log, cancellation) : Read(spec, cache, log, cancellation);

    /// <summary>Extrapolate module to training module, from a prepared math folder's meta.json.</summary>
    public static IReadOnlyDictionary<string, string> ExtrapolatePairs(string folder) =>
        ExtrapolatePairs(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!.AsObject(), folder);

    /// <summary>Extrapolate module to training module, from a math dataset's meta.json (or the provenance a run record keeps of it).</summary>
    public static IReadOnlyDictionary<string, string> ExtrapolatePairs(JsonObject meta, string origin = "the dataset")
    {
        var pairs = meta["extrapolate_pairs"] as JsonObject ?? throw new InvalidDataException($"{origin} is not a math dataset (no extrapolate_pairs in meta.json).");
        return pairs.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    /// <summary>The questions of one split of a prepared math folder, decoded, with their modules (for showing examples).</summary>
    public static IReadOnlyList<MathQuestion> Questions(string folder, string split)
    {
        using var data = TokenDataset.Open(folder);
        using var extra = split is "train" or "val" ? null : TokenDataset.OpenExtraSplit(folder, split, data.Layout);
        var source = split == "train" ? data.Train : split == "val" ? data.Validation : extra!;
        return Enumerable.Range(0, source.ExampleCount).Select(i =>
        {
            var tokens = source.Example(i).Tokens.Select(t => (int)t).ToArray();
            int separator = Array.IndexOf(tokens, QuestionAnswerTokens.Separator);
            return new MathQuestion(data.Layout.Subsets[source.Subset(i)], QuestionAnswerTokens.Decode(tokens[1..separator]), QuestionAnswerTokens.Decode(tokens[(separator + 1)..]));
        }).ToArray();
    }

    private static string Generate(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var settings = MathSettings.From(spec);
        return DatasetSpec.EnsureGenerated(cache, KindName, MathGenerator.Version, spec, log, (staging, sha) =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var set = MathGenerator.Generate(settings, cancellation);
            var training = settings.Training;
            var extrapolation = settings.Extrapolation;
            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["generator"] = "ScalingNotebooks MathGenerator, modelled on google-deepmind/mathematics_dataset (module names, phrasings, entropy rules, answer formats)",
                ["generator_version"] = MathGenerator.Version,
                ["seed"] = settings.Seed,
                ["settings"] = spec.DeepClone(),
                ["effective_settings"] = settings.ToJson(),
                ["inputs_sha256"] = sha,
                ["difficulty"] = new JsonObject
                {
                    ["train"] = Difficulty(training),
                    ["val"] = Difficulty(training),
                    ["interpolate"] = Difficulty(training),
                    ["extrapolate"] = Difficulty(extrapolation),
                    ["entropy"] = "an entropy of e draws a number from about 10^e values (the original's integer(entropy)); a question's budget is shared among its numbers; arithmetic__add_or_sub draws at twice the entropy (as the original)",
                },
                ["extrapolation_rule"] = "an extrapolate question is kept only if it exceeds every train, val and interpolate question of its module: more significant digits in its longest number (_big), more integer constants (_longer), more list items (_more); questions.extrapolate.MODULE.size_min against questions.train.MODULE.size_max shows the margin",
                ["disjointness"] = "val, interpolate and extrapolate questions whose exact text is a training question are dropped and redrawn (counted per split and module as duplicates_of_train_removed)",
                ["limits"] = $"questions over {MathGenerator.MaxQuestionLength} characters or answers over {MathGenerator.MaxAnswerLength} are dropped and redrawn (too_long_dropped), as the original",
                ["generation_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            };
            MathDatasetWriter.Write(staging, set, provenance);
            log?.Invoke($"math: {Summary(set)} generated in {clock.Elapsed.TotalSeconds:F1} s; {set.DuplicatesRemoved:N0} held-out duplicates of training questions removed");
        });
    }

    private static string Read(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var (folder, modules, train, val, test) = FolderSettings(spec);
        folder = Path.GetFullPath(folder);
        // The files' names, sizes and times join the cache key: edited files get a folder of their own.
        var key = (JsonObject)spec.DeepClone();
        key["source_fingerprint"] = OriginalMathFiles.Fingerprint(folder);
        return DatasetSpec.EnsureGenerated(cache, KindName, "files-" + OriginalMathFiles.Version, key, log, (staging, sha) =>
        {
            var set = OriginalMathFiles.Load(folder, modules, train, val, test, cancellation);
            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["source"] = "files of the original mathematics_dataset layout (train-*/, interpolate/, extrapolate/; question line, answer line)",
                ["source_folder"] = folder,
                ["source_fingerprint"] = key["source_fingerprint"]!.GetValue<string>(),
                ["reader_version"] = OriginalMathFiles.Version,
                ["settings"] = spec.DeepClone(),
                ["inputs_sha256"] = sha,
                ["selection"] = "train: the first lines of each module's training files, in equal shares across train-easy/medium/hard; val: the lines after them; interpolate, extrapolate: the first lines of each file; held-out questions found in train are dropped (duplicates_of_train_removed)",
            };
            MathDatasetWriter.Write(staging, set, provenance);
            log?.Invoke($"math: {Summary(set)} read from {folder}; {set.DuplicatesRemoved:N0} held-out duplicates of training questions removed");
        });
    }

    private static (string Folder, IReadOnlyList<string>? Modules, int Train, int Val, int Test) FolderSettings(JsonObject spec)
    {
        if (spec.Select(p => p.Key).FirstOrDefault(k => k != "kind" && !FolderKeys.Contains(k)) is { } generatorOnly)
            throw new ArgumentException($"dataset: {generatorOnly} is a setting of the generator; with \"folder\" the questions come from the files, whose settings are {string.Join(", ", FolderKeys.Order(StringComparer.Ordinal))}.");
        string folder = DatasetSpec.String(spec, "folder") is { Length: > 0 } f ? f
            : throw new ArgumentException("dataset: folder must name the extracted mathematics_dataset folder (with train-easy/, interpolate/ and extrapolate/).");
        var defaults = new MathSettings { Modules = MathModules.All };
        return (folder, MathSettings.ReadModuleNames(spec),
            DatasetSpec.Int(spec, "train_examples_per_module", defaults.TrainPerModule, 1, 10_000_000),
            DatasetSpec.Int(spec, "val_examples_per_module", defaults.ValPerModule, 1, 1_000_000),
            DatasetSpec.Int(spec, "test_examples_per_module", defaults.TestPerModule, 1, 1_000_000));
    }

    private static JsonObject Difficulty(MathDifficulty d) => new()
    {
        ["entropy"] = new JsonArray(d.Entropy.Min, d.Entropy.Max),
        ["add_or_sub_entropy"] = new JsonArray(ArithmeticModules.AddSubEntropyScale * d.Entropy.Min, ArithmeticModules.AddSubEntropyScale * d.Entropy.Max),
        ["terms"] = new JsonArray(d.Terms.Min, d.Terms.Max),
        ["items"] = new JsonArray(d.Items.Min, d.Items.Max),
        ["expression_answers"] = d.Regime == Regime.Extrapolation
            ? "integers (as the original's _longer modules)"
            : "integers (add_sub_multiple); integers or fractions, even odds (mul_div_multiple, mixed)",
    };

    private static string Summary(MathQuestionSet set) =>
        string.Join(", ", MathQuestionSet.SplitNames.Select(s => $"{set.Splits[s].Count:N0} {s}"));
}
