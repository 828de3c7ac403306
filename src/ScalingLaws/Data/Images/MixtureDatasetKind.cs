using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Images;

/// <summary>
/// <c>{"kind": "mixture"}</c>: images from a <see cref="PrototypeMixture"/> whose prototypes are crops of the stdlib
/// photographs, so that its entropy per token is known and a fitted L_inf can be checked against it. Data are
/// unlimited (fresh draws), so models are limited by their size and training, not by repeated data. The subset of an
/// image is its prototype's rank bucket (1, 2-4, 5-16, ...), so a notebook can show which part of the tail a model knows.
/// </summary>
public sealed class MixtureDatasetKind : IDatasetKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "mixture";

    /// <summary>Bumped whenever the images drawn from the same settings would change.</summary>
    public const string Version = "1";

    /// <inheritdoc />
    public string Name => KindName;

    /// <inheritdoc />
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "size", "channels", "prototypes", "zipf", "noise", "train_images", "val_images", "entropy_samples", "seed" };

    /// <inheritdoc />
    public void Validate(JsonObject spec) => Settings.From(spec);

    /// <summary>The mixture the entry describes (prototypes cropped from the photographs, fetched if needed).</summary>
    public static PrototypeMixture Mixture(JsonObject spec, DataCache cache, Action<string>? log = null)
    {
        var s = Settings.From(spec);
        var photos = PhotosDatasetKind.StdlibPhotographs.Select(id => ImageFiles.DecodeRgb(Path.Combine(cache.EnsurePackage(id, log), "data", "image.jpg"))).ToArray();
        var patches = new PhotoPatches(photos, s.Size, holdout: 0.2, minCrop: s.Size, maxCrop: 128, seed: s.Seed);
        var rng = new Random(unchecked(s.Seed * 7919 + 17));
        var prototypes = Enumerable.Range(0, s.Prototypes).Select(_ =>
        {
            var pixels = patches.Next(rng, validation: false).Pixels;
            if (s.Channels == 1) pixels = Enumerable.Range(0, pixels.Length / 3).Select(i => (byte)Math.Round((pixels[3 * i] + pixels[3 * i + 1] + pixels[3 * i + 2]) / 3.0)).ToArray();
            return BinomialNoise.Squeeze(pixels, s.Noise);
        }).ToArray();
        return new PrototypeMixture(prototypes, s.Zipf, s.Noise);
    }

    /// <summary>Rank-bucket names: 1, 2-4, 5-16, 17-64, ... (powers of four).</summary>
    public static IReadOnlyList<string> RankBuckets(int prototypes)
    {
        var names = new List<string>();
        for (int low = 1, high = 1; low <= prototypes; low = high + 1, high = Math.Min(prototypes, high * 4))
            names.Add(low == high ? $"rank {low}" : $"ranks {low}-{high}");
        return names;
    }

    /// <inheritdoc />
    public string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation)
    {
        var s = Settings.From(spec);
        return DatasetSpec.EnsureGenerated(cache, KindName, Version, spec, log, (staging, sha) =>
        {
            var mixture = Mixture(spec, cache, log);
            log?.Invoke($"computing the exact entropy of {s.Prototypes} prototypes over {s.EntropySamples:N0} draws ...");
            var entropy = mixture.Entropy(s.EntropySamples, s.Seed + 1);
            var codec = new ImageTokens(s.Size, s.Size, s.Channels);
            var rng = new Random(s.Seed + 2);
            IReadOnlyList<TokenExample> Draw(int count) => Enumerable.Range(0, count).Select(i =>
            {
                if (i % 4096 == 0) Execution.Interruption.ThrowIfRequested(cancellation);
                var (k, pixels) = mixture.Sample(rng);
                return codec.Encode(pixels, Bucket(k));
            }).ToArray();
            var splits = new Dictionary<string, IReadOnlyList<TokenExample>> { ["val"] = Draw(s.ValImages), ["train"] = Draw(s.TrainImages) };
            var provenance = new JsonObject
            {
                ["kind"] = KindName,
                ["generator_version"] = Version,
                ["settings"] = spec.DeepClone(),
                ["inputs_sha256"] = sha,
                ["image"] = $"{s.Size}x{s.Size}x{s.Channels}, {codec.TokensPerImage} intensities after a start token",
                ["source"] = $"{s.Prototypes} prototypes (crops of the stdlib photographs, squeezed into [{s.Noise / 2}, {255 - s.Noise / 2}]) drawn with Zipf weights k^-{s.Zipf}; binomial({s.Noise}, 1/2) - {s.Noise / 2} noise added to every intensity",
                ["exact_entropy"] = new JsonObject
                {
                    ["nats_per_token"] = entropy.PerToken,
                    ["nats_per_image"] = entropy.PerImage,
                    ["standard_error_per_image"] = entropy.PerImageStandardError,
                    ["relative_half_width_95"] = entropy.RelativeHalfWidth95,
                    ["prototype_entropy"] = entropy.PrototypeEntropy,
                    ["noise_entropy_per_token"] = entropy.NoiseEntropyPerToken,
                    ["posterior_entropy"] = entropy.PosteriorEntropy,
                    ["monte_carlo_nats_per_image"] = entropy.MonteCarloPerImage,
                    ["monte_carlo_standard_error"] = entropy.MonteCarloStandardError,
                    ["samples"] = entropy.Samples,
                    ["formula"] = "H(X) = H(K) + P H(e) - H(K|X); H(K) and H(e) exact, H(K|X) the mean over sampled images of the exact posterior entropy",
                },
            };
            var layout = codec.Layout() with { Subsets = RankBuckets(s.Prototypes) };
            ExampleDatasetWriter.Write(staging, layout, provenance, splits);
            log?.Invoke($"mixture: entropy {entropy.PerToken:F4} nats/token ({entropy.PerImage:F2} ± {1.96 * entropy.PerImageStandardError:F3} nats/image)");
        });

        static ushort Bucket(int k)
        {
            ushort bucket = 0;
            for (long high = 1; k + 1 > high; high *= 4) bucket++;
            return bucket;
        }
    }

    /// <summary>The exact entropy a prepared mixture folder recorded, nats per token, and its 95% half-width.</summary>
    public static (double PerToken, double HalfWidth95) ExactEntropy(string folder) =>
        ExactEntropy(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!.AsObject(), folder);

    /// <summary>
    /// The exact entropy recorded in a mixture dataset's meta.json (or the provenance a run record keeps of it), nats per
    /// token, and its 95% half-width.
    /// </summary>
    public static (double PerToken, double HalfWidth95) ExactEntropy(JsonObject meta, string origin = "the dataset")
    {
        var exact = meta["exact_entropy"] ?? throw new InvalidDataException($"{origin} is not a mixture dataset (no exact_entropy in its meta.json).");
        double perToken = exact["nats_per_token"]!.GetValue<double>();
        return (perToken, perToken * exact["relative_half_width_95"]!.GetValue<double>());
    }

    private sealed record Settings(int Size, int Channels, int Prototypes, double Zipf, int Noise, int TrainImages, int ValImages, int EntropySamples, int Seed)
    {
        public static Settings From(JsonObject spec)
        {
            int channels = DatasetSpec.Int(spec, "channels", 3, 1, 3);
            if (channels == 2) throw new ArgumentException("dataset: channels must be 1 (gray) or 3 (RGB).");
            int noise = DatasetSpec.Int(spec, "noise", 8, 0, 64);
            if (noise % 2 != 0) throw new ArgumentException($"dataset: noise is the number of binomial trials and must be even; got {noise}.");
            return new Settings(
                DatasetSpec.Int(spec, "size", 8, 2, 16), channels,
                DatasetSpec.Int(spec, "prototypes", 256, 1, 65535),
                DatasetSpec.Double(spec, "zipf", 1.5, 0, 10), noise,
                DatasetSpec.Int(spec, "train_images", 100_000, 1, 10_000_000),
                DatasetSpec.Int(spec, "val_images", 4096, 1, 1_000_000),
                DatasetSpec.Int(spec, "entropy_samples", 20_000, 100, 10_000_000),
                DatasetSpec.Int(spec, "seed", 0, 0));
        }
    }
}
