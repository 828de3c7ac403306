using System.Text.Json;
using ScalingLaws.Data.Images;

namespace ScalingLaws.Data.Captions;

/// <summary>An image of a COCO-style caption file with its usable captions (tokenised, non-empty).</summary>
/// <param name="Id">The image's id, as text.</param>
/// <param name="FileName">Its file_name.</param>
/// <param name="Pixels">Centre-cropped to a square and area-downsampled, RGB.</param>
/// <param name="Captions">Its captions' words (lower case).</param>
public sealed record CocoImage(string Id, string FileName, byte[] Pixels, IReadOnlyList<string[]> Captions);

/// <summary>What a COCO-style caption file gave: the usable images and every bad entry, counted by reason.</summary>
/// <param name="Images">Images that decoded and have at least one usable caption, in file order.</param>
/// <param name="Problems">Bad entries by reason ("missing file", "undecodable image", ...).</param>
/// <param name="Examples">The first few bad entries, described.</param>
/// <param name="ImagesListed">Entries in "images".</param>
/// <param name="CaptionsListed">Entries in "annotations".</param>
public sealed record CocoLoad(IReadOnlyList<CocoImage> Images, IReadOnlyDictionary<string, int> Problems, IReadOnlyList<string> Examples, int ImagesListed, int CaptionsListed)
{
    /// <summary>Bad entries in all.</summary>
    public int BadEntries => Problems.Values.Sum();
}

/// <summary>
/// Reads caption-image pairs in the COCO captions layout: a JSON file with <c>"images": [{"id", "file_name"}, ...]</c>
/// and <c>"annotations": [{"image_id", "caption"}, ...]</c>, plus a folder holding the files. A bad entry (an image
/// without id or file name, a duplicate id, a missing or undecodable file, a caption of an unknown image, an empty
/// caption) is skipped and counted, never fatal; only a file that is not such JSON at all stops the load.
/// </summary>
public static class CocoCaptions
{
    /// <summary>How many bad entries are described in <see cref="CocoLoad.Examples"/>.</summary>
    public const int ExamplesKept = 20;

    /// <summary>Loads the pairs, images centre-cropped and area-downsampled to <paramref name="size"/> x <paramref name="size"/> RGB.</summary>
    public static CocoLoad Load(string captionsFile, string imageFolder, int size, CancellationToken cancellation = default)
    {
        if (!File.Exists(captionsFile)) throw new FileNotFoundException($"Caption file '{captionsFile}' does not exist. Give a COCO-style JSON file (\"images\" with id and file_name, \"annotations\" with image_id and caption).", captionsFile);
        if (!Directory.Exists(imageFolder)) throw new DirectoryNotFoundException($"Image folder '{imageFolder}' does not exist. Give the folder the file_name entries are relative to.");
        using var document = Parse(captionsFile);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("images", out var imageList) || imageList.ValueKind != JsonValueKind.Array
            || !root.TryGetProperty("annotations", out var annotationList) || annotationList.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{captionsFile} is not a COCO-style caption file: expected an object with arrays \"images\" and \"annotations\".");

        var problems = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<string>();
        void Bad(string reason, string detail)
        {
            problems[reason] = problems.GetValueOrDefault(reason) + 1;
            if (examples.Count < ExamplesKept) examples.Add($"{reason}: {detail}");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);   // id -> file_name, in file order
        var order = new List<string>();
        int index = 0;
        foreach (var entry in imageList.EnumerateArray())
        {
            string? id = Id(entry, "id"), file = Text(entry, "file_name");
            if (id is null || string.IsNullOrWhiteSpace(file)) Bad("image entry without id or file_name", $"images[{index}]");
            else if (files.ContainsKey(id)) Bad("duplicate image id", $"images[{index}] repeats id {id}");
            else { files[id] = file; order.Add(id); }
            index++;
        }

        var captions = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        index = 0;
        foreach (var entry in annotationList.EnumerateArray())
        {
            string? id = Id(entry, "image_id"), caption = Text(entry, "caption");
            string[] words = caption is null ? [] : CaptionVocabulary.Tokenize(caption);
            if (id is null || caption is null) Bad("caption entry without image_id or caption", $"annotations[{index}]");
            else if (!files.ContainsKey(id)) Bad("caption of an unknown image", $"annotations[{index}] names image {id}");
            else if (words.Length == 0) Bad("empty caption", $"annotations[{index}] of image {id}: \"{caption}\"");
            else
            {
                if (!captions.TryGetValue(id, out var list)) captions[id] = list = [];
                list.Add(words);
            }
            index++;
        }

        var images = new List<CocoImage>();
        foreach (string id in order)
        {
            Execution.Interruption.ThrowIfRequested();
            cancellation.ThrowIfCancellationRequested();
            if (!captions.TryGetValue(id, out var list)) { Bad("image without captions", $"image {id} ({files[id]})"); continue; }
            string path = Path.Combine(imageFolder, files[id]);
            if (!File.Exists(path)) { Bad("missing file", $"image {id}: {path} ({list.Count} caption(s) dropped)"); continue; }
            try
            {
                images.Add(new CocoImage(id, files[id], CentreSquare(ImageFiles.DecodeRgb(path), size), list));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Bad("undecodable image", $"image {id}: {e.Message} ({list.Count} caption(s) dropped)");
            }
        }
        return new CocoLoad(images, problems, examples, imageList.GetArrayLength(), annotationList.GetArrayLength());
    }

    /// <summary>The largest centred square of an image, area-downsampled to <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static byte[] CentreSquare(RgbImage image, int size)
    {
        int side = Math.Min(image.Width, image.Height);
        return image.AreaDownsample((image.Width - side) / 2, (image.Height - side) / 2, side, size);
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({e.Message}); expected a COCO-style caption file.", e);
        }
    }

    // Ids are numbers in COCO; strings are accepted too.
    private static string? Id(JsonElement entry, string name) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.Number => v.GetRawText(), JsonValueKind.String => v.GetString(), _ => null }
            : null;

    private static string? Text(JsonElement entry, string name) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
