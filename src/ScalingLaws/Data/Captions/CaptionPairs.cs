using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Captions;

/// <summary>A caption (words) and an image (intensities), with an optional subset id (a digit's label).</summary>
/// <param name="Words">The caption's words.</param>
/// <param name="Pixels">The image's intensities in raster order, channels interleaved.</param>
/// <param name="Subset">Subset id (0 when the dataset has none).</param>
public sealed record CaptionPair(IReadOnlyList<string> Words, byte[] Pixels, ushort Subset = 0);

/// <summary>
/// The splits every caption-image kind writes, and the settings they share. Henighan et al. 2020 measure
/// I(caption; image) as the loss with the caption (or image) blanked minus the loss with it, after training on data in
/// which part of the pairs are blanked, so the model also learns the unconditional distribution: train mixes real and
/// blanked pairs ("blank_fraction" of them blanked); val holds real pairs and val_blank the same pairs, in the same
/// order, with the conditioning part blanked. Text-to-image blanks the caption (I = L(image | val_blank) −
/// L(image | val)); image-to-text blanks the image (I = L(caption | val_blank) − L(caption | val)).
/// </summary>
public static class CaptionPairs
{
    /// <summary>The largest blank fraction: with more, too few real pairs remain to learn the conditional distribution.</summary>
    public const double MaxBlankFraction = 0.9;

    /// <summary>The "order" setting: "text-to-image" (the default) or "image-to-text".</summary>
    public static PairOrder ReadOrder(JsonObject spec) => DatasetSpec.String(spec, "order", "text-to-image") switch
    {
        "text-to-image" => PairOrder.TextToImage,
        "image-to-text" => PairOrder.ImageToText,
        var other => throw new ArgumentException($"dataset: order is '{other}'; it must be \"text-to-image\" (caption first) or \"image-to-text\" (image first)."),
    };

    /// <summary>The "blank_fraction" setting: the share of training pairs blanked, 0 to 0.9 (default 0.5, as the paper's finetune).</summary>
    public static double ReadBlankFraction(JsonObject spec) => DatasetSpec.Double(spec, "blank_fraction", 0.5, 0, MaxBlankFraction);

    /// <summary>The order's name in settings and meta.json.</summary>
    public static string Name(PairOrder order) => order == PairOrder.TextToImage ? "text-to-image" : "image-to-text";

    /// <summary>The part val_blank and blanked training pairs blank: the one that comes first.</summary>
    public static string BlankedPart(PairOrder order) => order == PairOrder.TextToImage ? "caption" : "image";

    /// <summary>A pair as an example, its conditioning part blanked when <paramref name="blank"/>.</summary>
    public static TokenExample Encode(CaptionImageTokens codec, CaptionPair pair, bool blank)
    {
        bool blankCaption = blank && codec.Order == PairOrder.TextToImage;
        bool blankImage = blank && codec.Order == PairOrder.ImageToText;
        return codec.Encode(blankCaption ? null : pair.Words, blankImage ? [] : pair.Pixels, pair.Subset);
    }

    /// <summary>An example's caption and image, each null when blanked (the inverse of <see cref="Encode"/>).</summary>
    public static (IReadOnlyList<string>? Words, byte[]? Pixels) Decode(CaptionImageTokens codec, TokenExample example)
    {
        var tokens = example.Tokens;
        int imageLength = codec.Image.TokensPerImage;
        int captionAt = codec.Order == PairOrder.TextToImage ? 1 : 1 + imageLength;
        int imageAt = codec.Order == PairOrder.TextToImage ? 1 + codec.CaptionTokens : 1;
        var caption = tokens.AsSpan(captionAt, codec.CaptionTokens).ToArray();
        var image = tokens.AsSpan(imageAt, imageLength).ToArray();
        return (caption[0] == CaptionImageTokens.Blank ? null : codec.DecodeCaption(caption.Select(t => (int)t)),
                image[0] == CaptionImageTokens.Blank ? null : ImageTokens.Decode(image.Select(t => (int)t)));
    }

    /// <summary>How many blanked copies make <paramref name="fraction"/> of a training split of <paramref name="pairs"/> real pairs blanked.</summary>
    public static int BlankedCopies(int pairs, double fraction) => (int)Math.Round(pairs * fraction / (1 - fraction));

    /// <summary>
    /// Blanked copies of a seeded selection of <paramref name="pairs"/> (each pair once before any twice), for a finite
    /// data set whose every pair should also be trained on whole.
    /// </summary>
    public static IReadOnlyList<CaptionPair> CopiesToBlank(IReadOnlyList<CaptionPair> pairs, double fraction, Random rng)
    {
        int copies = BlankedCopies(pairs.Count, fraction);
        var chosen = new List<CaptionPair>(copies);
        while (chosen.Count < copies)
            chosen.AddRange(pairs.OrderBy(_ => rng.Next()).Take(copies - chosen.Count));
        return chosen;
    }

    /// <summary>
    /// The splits: train (the real and the blanked pairs, shuffled together), val and val_blank (the val pairs with the
    /// conditioning part blanked, same order).
    /// </summary>
    public static Dictionary<string, IReadOnlyList<TokenExample>> Splits(CaptionImageTokens codec, IReadOnlyList<CaptionPair> train, IReadOnlyList<CaptionPair> blankedTrain, IReadOnlyList<CaptionPair> val, Random rng)
    {
        var mixed = train.Select(p => (Pair: p, Blank: false)).Concat(blankedTrain.Select(p => (Pair: p, Blank: true))).OrderBy(_ => rng.Next()).ToArray();
        return new Dictionary<string, IReadOnlyList<TokenExample>>
        {
            ["train"] = mixed.Select(e => Encode(codec, e.Pair, e.Blank)).ToArray(),
            ["val"] = val.Select(p => Encode(codec, p, blank: false)).ToArray(),
            ["val_blank"] = val.Select(p => Encode(codec, p, blank: true)).ToArray(),
        };
    }

    /// <summary>The token layout meta.json records as "caption_codec", so that a notebook can decode a folder's pairs and samples.</summary>
    public static JsonObject CodecJson(CaptionImageTokens codec) => new()
    {
        ["order"] = Name(codec.Order),
        ["image"] = new JsonObject { ["width"] = codec.Image.Width, ["height"] = codec.Image.Height, ["channels"] = codec.Image.Channels },
        ["max_caption_words"] = codec.MaxCaptionWords,
        ["example_length"] = codec.ExampleLength,
        ["words"] = new JsonArray(codec.Words.Select(w => (JsonNode)w).ToArray()),
    };

    /// <summary>The codec of a prepared caption-image folder (from meta.json's "caption_codec").</summary>
    public static CaptionImageTokens Codec(string folder)
    {
        string path = Path.Combine(folder, "meta.json");
        return Codec((File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null) ?? new JsonObject(), path);
    }

    /// <summary>The codec recorded in a caption-image dataset's meta.json (or the provenance a run record keeps of it).</summary>
    public static CaptionImageTokens Codec(JsonObject meta, string origin = "the dataset")
    {
        var codec = meta["caption_codec"]
            ?? throw new InvalidDataException($"{origin} has no caption_codec: it is not a prepared caption-image dataset (kinds scenes, mnist-captions, coco-captions).");
        var image = codec["image"]!;
        return new CaptionImageTokens(
            new ImageTokens(image["width"]!.GetValue<int>(), image["height"]!.GetValue<int>(), image["channels"]!.GetValue<int>()),
            codec["words"]!.AsArray().Select(w => w!.GetValue<string>()).ToArray(),
            codec["max_caption_words"]!.GetValue<int>(),
            codec["order"]!.GetValue<string>() == "image-to-text" ? PairOrder.ImageToText : PairOrder.TextToImage);
    }

    /// <summary>What meta.json says about the pairs: order, blanking, how to read the mutual information off the splits.</summary>
    public static JsonObject Provenance(PairOrder order, double blankFraction, int trainReal, int trainBlanked, int val)
    {
        string blanked = BlankedPart(order), scored = order == PairOrder.TextToImage ? "image" : "caption";
        return new JsonObject
        {
            ["order"] = Name(order),
            ["blanked_part"] = blanked,
            ["blank_fraction"] = blankFraction,
            ["train_pairs"] = trainReal,
            ["train_blanked"] = trainBlanked,
            ["val_pairs"] = val,
            ["val_blank"] = $"the val pairs in the same order with the {blanked} blanked (context only)",
            ["mutual_information"] = $"I(caption; image) = L({scored} | val_blank) - L({scored} | val), nats per pair, from the per-example losses of region \"{scored}\" (Henighan et al. 2020)",
        };
    }
}
