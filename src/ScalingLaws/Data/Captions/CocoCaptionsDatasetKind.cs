using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Captions;

/// <summary>
/// <c>{"kind": "coco-captions", "captions": "captions.json", "images": "folder"}</c>: your own caption-image pairs in the
/// COCO captions layout (<see cref="CocoCaptions"/>): images of any size, centre-cropped and area-downsampled to
/// size x size RGB; captions as lower-case words, a vocabulary of the training captions' words seen at least
/// min_word_count times (the rest "&lt;unk&gt;"), cut at max_caption_words. Images are split into train and val by a seeded
/// draw, every caption of an image going with it; bad entries are skipped and counted in meta.json. Splits: train
/// (every training pair, plus blanked copies so that "blank_fraction" of the split is blanked), val and val_blank. The
/// mutual information of such pairs is not known: the model's estimate is the result.
/// </summary>
public sealed class CocoCaptionsDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "coco-captions";

    /// <summary>Bumped whenever the pairs prepared from the same inputs would change.</summary>
    public const string Version = "1";

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "captions", "images", "order", "size", "min_word_count", "max_caption_words", "val_fraction", "blank_fraction", "seed" };

    /// <inheritdoc />
    public void Validate(JsonObject spec) => Settings.From(spec);

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var s = Settings.From(spec);
        // The files are part of the inputs: a changed caption file or image gets a dataset of its own.
        var keyed = (JsonObject)spec.DeepClone();
        keyed["inputs_fingerprint"] = Fingerprint(s);
        return DatasetSpec.EnsureGenerated(cache, KindName, Version, keyed, log, (staging, sha) =>
        {
            var load = CocoCaptions.Load(s.Captions, s.Images, s.Size, cancellation);
            if (load.Images.Count < 2)
                throw new InvalidDataException($"{s.Captions} gave {load.Images.Count} usable image(s) with captions; at least 2 are needed (one to train on, one to validate). Bad entries: {Summary(load)}.");
            var rng = new Random(s.Seed);
            var shuffled = load.Images.OrderBy(_ => rng.Next()).ToArray();
            int held = Math.Clamp((int)Math.Round(shuffled.Length * s.ValFraction), 1, shuffled.Length - 1);
            var valImages = shuffled[..held];
            var trainImages = shuffled[held..];
            var vocabulary = CaptionVocabulary.Build(trainImages.SelectMany(i => i.Captions), s.MinWordCount);

            int truncated = 0, unknownVal = 0, wordsVal = 0;
            List<CaptionPair> Pairs(IEnumerable<CocoImage> images, bool validation)
            {
                var pairs = new List<CaptionPair>();
                foreach (var image in images)
                    foreach (var caption in image.Captions)
                    {
                        var (words, cut, unknown) = vocabulary.Map(caption, s.MaxCaptionWords);
                        if (cut) truncated++;
                        if (validation) { unknownVal += unknown; wordsVal += words.Length; }
                        pairs.Add(new CaptionPair(words, image.Pixels));
                    }
                return pairs;
            }
            var trainPairs = Pairs(trainImages, validation: false);
            var valPairs = Pairs(valImages, validation: true);
            var blanked = CaptionPairs.CopiesToBlank(trainPairs, s.BlankFraction, rng);
            var codec = new CaptionImageTokens(new ImageTokens(s.Size, s.Size, 3), vocabulary.Words, s.MaxCaptionWords, s.Order);
            var splits = CaptionPairs.Splits(codec, trainPairs, blanked, valPairs, rng);

            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["generator_version"] = Version,
                ["seed"] = s.Seed,
                ["settings"] = spec.DeepClone(),
                ["inputs_sha256"] = sha,
                ["image"] = $"{s.Size}x{s.Size} RGB, the largest centred square of each image area-downsampled, {codec.Image.TokensPerImage} intensities",
                ["source"] = new JsonObject
                {
                    ["captions"] = Path.GetFullPath(s.Captions),
                    ["captions_sha256"] = ExampleDatasetWriter.Sha256(s.Captions),
                    ["images"] = Path.GetFullPath(s.Images),
                    ["images_listed"] = load.ImagesListed,
                    ["captions_listed"] = load.CaptionsListed,
                    ["images_used"] = load.Images.Count,
                    ["bad_entries"] = load.BadEntries,
                    ["bad_entries_by_reason"] = new JsonObject(load.Problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                    ["bad_entry_examples"] = new JsonArray(load.Examples.Select(e => (JsonNode)e).ToArray()),
                },
                ["split"] = $"by image, seeded ({s.Seed}): {trainImages.Length} training and {valImages.Length} validation images, every caption with its image",
                ["captions"] = new JsonObject
                {
                    ["tokens"] = "lower-case words (letters and digits, inner apostrophes kept), punctuation dropped",
                    ["vocabulary_words"] = vocabulary.Words.Count,
                    ["min_word_count"] = s.MinWordCount,
                    ["unknown_word"] = CaptionVocabulary.Unknown,
                    ["max_caption_words"] = s.MaxCaptionWords,
                    ["truncated_captions"] = truncated,
                    ["val_unknown_word_share"] = wordsVal == 0 ? 0 : (double)unknownVal / wordsVal,
                    ["examples"] = new JsonArray(valPairs.Take(8).Select(p => (JsonNode)string.Join(' ', p.Words)).ToArray()),
                },
                ["caption_codec"] = CaptionPairs.CodecJson(codec),
                ["pairs"] = CaptionPairs.Provenance(s.Order, s.BlankFraction, trainPairs.Count, blanked.Count, valPairs.Count),
            };
            ExampleDatasetWriter.Write(staging, codec.Layout(), provenance, splits);
            log?.Invoke($"coco-captions: {load.Images.Count:N0} images ({trainImages.Length:N0} train, {valImages.Length:N0} val), {trainPairs.Count:N0} training pairs (+{blanked.Count:N0} blanked), {valPairs.Count:N0} validation pairs, {vocabulary.Words.Count:N0} words; " +
                $"{truncated:N0} caption(s) truncated to {s.MaxCaptionWords} words" + (load.BadEntries > 0 ? $"; skipped {load.BadEntries:N0} bad entries ({Summary(load)})" : ""));
        });
    }

    private static string Summary(CocoLoad load) =>
        load.BadEntries == 0 ? "none" : string.Join(", ", load.Problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value} {p.Key}"));

    // The caption file's checksum and, for each image file it could name, its size and time (or its absence).
    private static string Fingerprint(Settings s)
    {
        if (!File.Exists(s.Captions)) throw new FileNotFoundException($"Caption file '{s.Captions}' does not exist. Give a COCO-style JSON file (\"images\" with id and file_name, \"annotations\" with image_id and caption).", s.Captions);
        if (!Directory.Exists(s.Images)) throw new DirectoryNotFoundException($"Image folder '{s.Images}' does not exist. Give the folder the file_name entries are relative to.");
        var files = Directory.EnumerateFiles(s.Images, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(s.Images, f)}:{new FileInfo(f).Length}:{File.GetLastWriteTimeUtc(f):O}");
        return ExampleDatasetWriter.Sha256(s.Captions) + "\n" + string.Join("\n", files);
    }

    private sealed record Settings(string Captions, string Images, PairOrder Order, int Size, int MinWordCount, int MaxCaptionWords, double ValFraction, double BlankFraction, int Seed)
    {
        public static Settings From(JsonObject spec)
        {
            string captions = DatasetSpec.String(spec, "captions")
                ?? throw new ArgumentException("dataset: coco-captions needs \"captions\": the path of a COCO-style JSON file (\"images\" with id and file_name, \"annotations\" with image_id and caption).");
            string images = DatasetSpec.String(spec, "images") ?? Path.GetDirectoryName(Path.GetFullPath(captions))!;
            return new Settings(captions, images,
                CaptionPairs.ReadOrder(spec),
                DatasetSpec.Int(spec, "size", 8, 2, 32),
                DatasetSpec.Int(spec, "min_word_count", 2, 1, 1_000_000),
                DatasetSpec.Int(spec, "max_caption_words", 16, 1, 256),
                DatasetSpec.Double(spec, "val_fraction", 0.1, 0.01, 0.5),
                CaptionPairs.ReadBlankFraction(spec),
                DatasetSpec.Int(spec, "seed", 0, 0));
        }
    }
}
