using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class MnistCaptionsDatasetKindTests
{
    /// <summary>
    /// A cache holding a miniature mnist package, marked verified: 30 digits of each label, digit D a bright 7x7 block in
    /// its own place with faint noise, so that a nearest-neighbour classifier never errs.
    /// </summary>
    private static DataCache FakeMnistCache(TempFolder temp)
    {
        var cache = new DataCache(temp.File("cache"));
        var package = cache.Manifest.Get("mnist");
        string folder = cache.PackageFolder(package);
        Directory.CreateDirectory(Path.Combine(folder, "src", "digits"));
        File.WriteAllText(Path.Combine(folder, ".verified.json"), JsonSerializer.Serialize(new Dictionary<string, string> { ["sha256"] = package.Sha256 }));
        var rng = new Random(1);
        for (int label = 0; label < 10; label++)
        {
            var values = new List<string>();
            for (int n = 0; n < 30; n++)
                for (int y = 0; y < 28; y++)
                    for (int x = 0; x < 28; x++)
                    {
                        bool block = x / 7 == label % 4 && y / 7 == label / 4;
                        values.Add((block ? 0.9 : rng.NextDouble() * 0.1).ToString("F3", CultureInfo.InvariantCulture));
                    }
            File.WriteAllText(Path.Combine(folder, "src", "digits", $"{label}.json"), $"{{\"data\": [{string.Join(',', values)}]}}");
        }
        return cache;
    }

    [Fact]
    public void Digits_get_captions_naming_them_and_the_same_split_as_the_mnist_kind()
    {
        using var temp = new TempFolder();
        var cache = FakeMnistCache(temp);
        var spec = new JsonObject { ["kind"] = "mnist-captions", ["val_fraction"] = 0.2, ["seed"] = 3 };
        string folder = DatasetKinds.EnsurePrepared(spec, cache);

        var val = CaptionFolders.Read(folder, "val");
        Assert.Equal(60, val.Count);
        foreach (var (words, _, label) in val)
            Assert.True(words![^1] == DigitCaptions.Names[label] || words[^1] == label.ToString() || words[^4] == DigitCaptions.Names[label] || words[^4] == label.ToString(),
                $"\"{CaptionFolders.Caption(words)}\" does not name {label}");
        Assert.True(val.Select(p => CaptionFolders.Caption(p.Words)).Distinct().Count() > 20, "captions should vary in wording");

        // The images are the mnist kind's validation digits, in its order.
        string mnist = DatasetKinds.EnsurePrepared(new JsonObject { ["kind"] = "mnist", ["val_fraction"] = 0.2, ["seed"] = 3 }, cache);
        using var digits = TokenDataset.Open(mnist);
        for (int i = 0; i < val.Count; i++)
        {
            Assert.Equal(digits.Validation.Example(i).Tokens[1..].Select(t => (byte)t), val[i].Pixels!);
            Assert.Equal(digits.Validation.Subset(i), val[i].Subset);
        }

        var train = CaptionFolders.Read(folder, "train");
        Assert.Equal(2 * 240, train.Count);                            // every training digit, and a blanked copy of each
        Assert.Equal(240, train.Count(p => p.Words is null));
        Assert.All(CaptionFolders.Read(folder, "val_blank"), p => Assert.Null(p.Words));
    }

    [Fact]
    public void The_mutual_information_bounds_are_recorded_and_read_back()
    {
        using var temp = new TempFolder();
        string folder = DatasetKinds.EnsurePrepared(new JsonObject { ["kind"] = "mnist-captions", ["val_fraction"] = 0.2, ["order"] = "image-to-text" }, FakeMnistCache(temp));
        var bounds = MnistCaptionsDatasetKind.MutualInformationBounds(folder);
        Assert.Equal(Math.Log(10), bounds.Upper, 12);                   // 6 validation digits of each label
        Assert.Equal(0, bounds.Errors);
        Assert.Equal(60, bounds.Evaluated);
        Assert.Equal(bounds.Upper, bounds.LowerAtObservedError, 12);    // no errors: Fano's bound is H(label) itself
        Assert.InRange(bounds.Lower, 1.5, bounds.Upper - 0.1);           // but 0 errors in 60 still allows a few percent
        Assert.Contains("k = 3", bounds.Classifier);
        Assert.Equal(bounds, MnistCaptionsDatasetKind.MutualInformationBounds(DatasetProvenance.Read(folder)!));   // as a run record keeps it
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
        Assert.Contains("CC BY-SA", meta["source"]!["licence"]!.GetValue<string>());
        Assert.Equal("image-to-text", meta["caption_codec"]!["order"]!.GetValue<string>());
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_setting()
    {
        Assert.Contains("neighbours", Assert.Throws<ArgumentException>(() => DatasetKinds.Validate(new JsonObject { ["kind"] = "mnist-captions", ["neighbours"] = 0 })).Message);
        Assert.Contains("val_fraction", Assert.Throws<ArgumentException>(() => DatasetKinds.Validate(new JsonObject { ["kind"] = "mnist-captions", ["val_fraction"] = 0.9 })).Message);
    }
}
