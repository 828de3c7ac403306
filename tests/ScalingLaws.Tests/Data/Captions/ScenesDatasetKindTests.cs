using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class ScenesDatasetKindTests
{
    private static JsonObject Spec(string order) => new()
    {
        ["kind"] = "scenes",
        ["order"] = order,
        ["kinds"] = 4,
        ["colours"] = 3,
        ["backgrounds"] = 2,
        ["train_images"] = 200,
        ["val_images"] = 40,
        ["blank_fraction"] = 0.25,
        ["seed"] = 7,
    };

    [Fact]
    public void Both_orders_hold_the_same_pairs_with_the_first_part_blanked_in_val_blank()
    {
        using var temp = new TempFolder();
        var cache = new DataCache(temp.Path);
        string textFirst = DatasetKinds.EnsurePrepared(Spec("text-to-image"), cache);
        string imageFirst = DatasetKinds.EnsurePrepared(Spec("image-to-text"), cache);
        Assert.NotEqual(textFirst, imageFirst);

        var valText = CaptionFolders.Read(textFirst, "val");
        var valImage = CaptionFolders.Read(imageFirst, "val");
        Assert.Equal(40, valText.Count);
        for (int i = 0; i < valText.Count; i++)
        {
            Assert.Equal(valText[i].Words, valImage[i].Words);
            Assert.Equal(valText[i].Pixels, valImage[i].Pixels);
        }
        var blankText = CaptionFolders.Read(textFirst, "val_blank");
        var blankImage = CaptionFolders.Read(imageFirst, "val_blank");
        Assert.All(blankText, p => Assert.Null(p.Words));
        Assert.All(blankImage, p => Assert.Null(p.Pixels));
        Assert.Equal(valText.Select(p => p.Pixels), blankText.Select(p => p.Pixels));
        Assert.Equal(valImage.Select(p => p.Words), blankImage.Select(p => p.Words));

        var train = CaptionFolders.Read(textFirst, "train");
        Assert.Equal(200, train.Count);
        Assert.Equal(50, train.Count(p => p.Words is null));
        Assert.Equal(50, CaptionFolders.Read(imageFirst, "train").Count(p => p.Pixels is null));
    }

    [Fact]
    public void Meta_records_the_exact_information_the_generator_computes()
    {
        using var temp = new TempFolder();
        string folder = DatasetKinds.EnsurePrepared(Spec("text-to-image"), new DataCache(temp.Path));
        var settings = SceneSettings.From(Spec("text-to-image"));
        var space = new SceneSpace(settings);
        var expected = space.Source.Information(settings.MiSamples, settings.Seed + 1);
        var captions = CaptionEntropy.Compute(SceneAttributes.Templates, space.DescriptionDistribution());

        var known = ScenesDatasetKind.ExactMutualInformation(folder);
        Assert.Equal(expected.MutualInformation, known.Nats, 12);
        Assert.Equal(0, known.StandardError);
        Assert.Equal(captions.Caption, known.CaptionEntropy, 12);
        Assert.Equal(captions.Template, known.TemplateEntropy, 12);
        Assert.Equal(expected.ImageGivenDescription, known.ImageGivenCaption, 9);
        Assert.Equal("kind, colour, size, position", known.Described);
        Assert.StartsWith("background", known.Undescribed);
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
        Assert.Equal(7, meta["seed"]!.GetValue<int>());
        Assert.Equal(ScenesDatasetKind.Version, meta["generator_version"]!.GetValue<string>());
        Assert.Contains("H(D|R)", meta["exact_mutual_information"]!["formula"]!.GetValue<string>());
        Assert.Equal(["caption", "image"], meta["regions"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(8, meta["captions"]!["examples"]!.AsArray().Count);
        Assert.Equal(known, ScenesDatasetKind.ExactMutualInformation(DatasetProvenance.Read(folder)!));   // as a run record keeps it
        Assert.Throws<InvalidDataException>(() => ScenesDatasetKind.ExactMutualInformation(CreateMetaOnly(temp)));
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_setting_before_anything_is_generated()
    {
        string Error(JsonObject spec) => Assert.Throws<ArgumentException>(() => DatasetKinds.Validate(spec)).Message;
        Assert.Contains("noise", Error(new JsonObject { ["kind"] = "scenes", ["noise"] = 7 }));
        Assert.Contains("kinds", Error(new JsonObject { ["kind"] = "scenes", ["kinds"] = 9 }));
        Assert.Contains("'texture'", Error(new JsonObject { ["kind"] = "scenes", ["described"] = new JsonArray("kind", "texture") }));
        Assert.Contains("described", Error(new JsonObject { ["kind"] = "scenes", ["described"] = "kind" }));
        Assert.Contains("empty", Error(new JsonObject { ["kind"] = "scenes", ["described"] = new JsonArray() }));
        Assert.Contains("order", Error(new JsonObject { ["kind"] = "scenes", ["order"] = "both" }));
        Assert.Contains("blank_fraction", Error(new JsonObject { ["kind"] = "scenes", ["blank_fraction"] = -0.1 }));
        Assert.Contains("'colors' is not a setting", Error(new JsonObject { ["kind"] = "scenes", ["colors"] = 3 }));
        DatasetKinds.Validate(new JsonObject { ["kind"] = "scenes" });
    }

    private static string CreateMetaOnly(TempFolder temp)
    {
        string folder = temp.File("not-scenes");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "meta.json"), "{\"kind\": \"mnist\"}");
        return folder;
    }
}
