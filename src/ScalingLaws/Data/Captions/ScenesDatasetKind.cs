using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Captions;

/// <summary>
/// <c>{"kind": "scenes"}</c>: generated captioned scenes whose mutual information I(caption; image) is known exactly
/// (see <see cref="SceneSpace"/> and <see cref="DescribedImageSource"/>), so a model's estimate (Henighan et al. 2020:
/// the loss with a blank caption minus the loss with the real one) can be checked against the truth. Splits: train
/// (fresh draws, "blank_fraction" of them blanked), val and val_blank (the val pairs with the conditioning part
/// blanked, same order). The same settings give the same pairs in both orders; only the token layout and the blanked
/// part differ.
/// </summary>
public sealed class ScenesDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "scenes";

    /// <summary>Bumped whenever the pairs drawn from the same settings would change.</summary>
    public const string Version = "1";

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys => SceneSettings.Keys;

    /// <inheritdoc />
    public void Validate(JsonObject spec) => SceneSettings.From(spec);

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var s = SceneSettings.From(spec);
        return DatasetSpec.EnsureGenerated(cache, KindName, Version, spec, log, (staging, sha) =>
        {
            var space = new SceneSpace(s);
            log?.Invoke($"scenes: {space.Scenes.Count:N0} scenes, {space.Source.Renders:N0} distinct renders, {space.Descriptions:N0} descriptions; computing the exact mutual information ...");
            var information = space.Source.Information(s.MiSamples, s.Seed + 1);
            var captions = CaptionEntropy.Compute(SceneAttributes.Templates, space.DescriptionDistribution());
            var codec = new CaptionImageTokens(new ImageTokens(SceneSpace.Canvas, SceneSpace.Canvas, 3), captions.Vocabulary, captions.LongestCaption, s.Order);

            // Val first, so that it does not depend on the size of train; nothing drawn depends on the order.
            var rng = new Random(s.Seed);
            CaptionPair Draw(int i)
            {
                if (i % 4096 == 0) Execution.Interruption.ThrowIfRequested(cancellation);
                var (scene, pixels) = space.Source.Sample(rng);
                return new CaptionPair(space.Caption(space.Scenes[scene], rng), pixels);
            }
            var val = Enumerable.Range(0, s.ValImages).Select(Draw).ToArray();
            var train = Enumerable.Range(0, s.TrainImages).Select(Draw).ToArray();
            int blanked = (int)Math.Round(s.TrainImages * s.BlankFraction);
            var splits = CaptionPairs.Splits(codec, train[blanked..], train[..blanked], val, rng);

            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["generator"] = "ScalingLaws.Data.Captions.SceneSpace",
                ["generator_version"] = Version,
                ["seed"] = s.Seed,
                ["settings"] = spec.DeepClone(),
                ["inputs_sha256"] = sha,
                ["image"] = $"{SceneSpace.Canvas}x{SceneSpace.Canvas} RGB, {SceneSpace.Intensities} intensities",
                ["scenes"] = Describe(s, space),
                ["exact_mutual_information"] = new JsonObject
                {
                    ["nats"] = information.MutualInformation,
                    ["standard_error"] = information.StandardError,
                    ["formula"] = DescribedImageInformation.Formula,
                    ["description_entropy"] = information.DescriptionEntropy,
                    ["description_given_render"] = information.DescriptionGivenRender,
                    ["noise_correction"] = information.NoiseCorrection,
                    ["samples"] = information.Samples,
                    ["exact_sum"] = information.Samples == 0,
                },
                ["entropies"] = new JsonObject
                {
                    ["caption"] = captions.Caption,
                    ["caption_template"] = captions.Template,
                    ["caption_given_image"] = captions.Caption - information.MutualInformation,
                    ["image"] = information.ImageEntropy,
                    ["image_standard_error"] = information.ImageEntropyStandardError,
                    ["image_given_caption"] = information.ImageGivenDescription,
                    ["image_given_caption_standard_error"] = information.ImageGivenDescriptionStandardError,
                    ["render"] = information.RenderEntropy,
                    ["noise_per_image"] = information.NoiseEntropy,
                    ["units"] = "nats per caption or per image; caption_template = H(C | D), what the wording adds; caption_given_image = H(C) - I",
                },
                ["captions"] = new JsonObject
                {
                    ["templates"] = new JsonArray(SceneAttributes.Templates.Text.Select(t => (JsonNode)t).ToArray()),
                    ["words"] = "every value has synonyms (square or box, red or scarlet, in the top left or in the upper left ...); an undescribed attribute is left out, an undescribed kind is \"shape\" or \"thing\"",
                    ["distinct_captions"] = captions.Captions,
                    ["vocabulary_words"] = captions.Vocabulary.Count,
                    ["max_caption_words"] = captions.LongestCaption,
                    ["examples"] = new JsonArray(val.Take(8).Select(p => (JsonNode)string.Join(' ', p.Words)).ToArray()),
                },
                ["caption_codec"] = CaptionPairs.CodecJson(codec),
                ["pairs"] = CaptionPairs.Provenance(s.Order, s.BlankFraction, train.Length - blanked, blanked, val.Length),
            };
            ExampleDatasetWriter.Write(staging, codec.Layout(), provenance, splits);
            log?.Invoke($"scenes: I(caption; image) = {information.MutualInformation:F4} ± {information.StandardError:F4} nats (exact), H(image | caption) = {information.ImageGivenDescription:F1} nats, H(caption) = {captions.Caption:F2} nats; {train.Length:N0} training pairs ({blanked:N0} blanked), {val.Length:N0} validation pairs");
        });
    }

    /// <summary>The exact mutual information a prepared scenes folder recorded.</summary>
    public static KnownMutualInformation ExactMutualInformation(string folder) =>
        ExactMutualInformation(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!.AsObject(), folder);

    /// <summary>The exact mutual information recorded in a scenes dataset's meta.json (or the provenance a run record keeps of it).</summary>
    public static KnownMutualInformation ExactMutualInformation(JsonObject meta, string origin = "the dataset")
    {
        var exact = meta["exact_mutual_information"] ?? throw new InvalidDataException($"{origin} is not a scenes dataset (no exact_mutual_information in its meta.json).");
        var entropies = meta["entropies"]!;
        return new KnownMutualInformation
        {
            Nats = exact["nats"]!.GetValue<double>(),
            StandardError = exact["standard_error"]!.GetValue<double>(),
            CaptionEntropy = entropies["caption"]!.GetValue<double>(),
            TemplateEntropy = entropies["caption_template"]!.GetValue<double>(),
            ImageGivenCaption = entropies["image_given_caption"]!.GetValue<double>(),
            Described = Joined(meta["scenes"]?["described"]),
            Undescribed = Joined(meta["scenes"]?["undescribed"]),
        };
    }

    private static string Joined(JsonNode? names) => names is JsonArray array ? string.Join(", ", array.Select(n => n!.GetValue<string>())) : "";

    private static JsonObject Describe(SceneSettings s, SceneSpace space)
    {
        JsonArray Names(IEnumerable<string> names) => new(names.Select(n => (JsonNode)n).ToArray());
        return new JsonObject
        {
            ["process"] = "kind, colour, size and background uniform; the shape's placement uniform among those that fit the 8x8 canvas; position = the grid cell holding its centre; image = clean render + binomial noise on every intensity; caption = a uniform template with uniform synonyms naming the described attributes",
            ["scenes"] = space.Scenes.Count,
            ["renders"] = space.Source.Renders,
            ["descriptions"] = space.Descriptions,
            ["kinds"] = Names(SceneAttributes.Kinds.Take(s.Kinds).Select(k => k.Name)),
            ["colours"] = Names(SceneAttributes.Colours.Take(s.Colours).Select(c => c.Name)),
            ["sizes"] = Names(SceneAttributes.Sizes(s.Sizes).Select(z => $"{z.Name} ({z.Drawn} px)")),
            ["positions"] = Names(SceneAttributes.Positions(s.Grid).Select(p => p.Name)),
            ["backgrounds"] = Names(SceneAttributes.Backgrounds.Take(s.Backgrounds).Select(b => b.Name)),
            ["described"] = Names(s.Described),
            ["undescribed"] = Names(SceneAttributes.Names.Except(s.Described).Append("placement within the cell")),
            ["noise"] = $"binomial({s.Noise}, 1/2) - {s.Noise / 2} on every intensity; colours squeezed into [{s.Noise / 2}, {255 - s.Noise / 2}]",
        };
    }
}

/// <summary>The information a generated caption dataset knows exactly, nats.</summary>
public sealed record KnownMutualInformation
{
    /// <summary>I(caption; image), nats per pair.</summary>
    public required double Nats { get; init; }

    /// <summary>Its standard error (0 when an exact sum).</summary>
    public required double StandardError { get; init; }

    /// <summary>H(caption), nats per caption.</summary>
    public required double CaptionEntropy { get; init; }

    /// <summary>H(caption | description): the nats of wording that say nothing about the image.</summary>
    public required double TemplateEntropy { get; init; }

    /// <summary>H(image | caption), nats per image.</summary>
    public required double ImageGivenCaption { get; init; }

    /// <summary>The attributes captions name, comma-separated ("" when the meta does not say).</summary>
    public string Described { get; init; } = "";

    /// <summary>What captions never name (it adds to H(image | caption)), comma-separated.</summary>
    public string Undescribed { get; init; } = "";
}
