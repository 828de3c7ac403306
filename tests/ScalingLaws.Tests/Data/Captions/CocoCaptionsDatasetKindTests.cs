using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Data.Captions;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Data.Captions;

public class CocoCaptionsDatasetKindTests
{
    private static JsonObject Spec(string captions, string images) => new()
    {
        ["kind"] = "coco-captions",
        ["captions"] = captions,
        ["images"] = images,
        ["max_caption_words"] = 10,
        ["min_word_count"] = 2,
        ["val_fraction"] = 0.25,
        ["seed"] = 1,
    };

    [Fact]
    public void A_small_coco_folder_is_prepared_end_to_end_and_trains()
    {
        using var temp = new TempFolder();
        var (captions, images) = CocoFolder.Write(temp);
        string folder = DatasetKinds.EnsurePrepared(Spec(captions, images), new DataCache(temp.File("cache")));

        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
        Assert.Equal(7, meta["source"]!["bad_entries"]!.GetValue<int>());
        Assert.Equal(1, meta["source"]!["bad_entries_by_reason"]!["missing file"]!.GetValue<int>());
        Assert.Equal(CocoFolder.GoodImages, meta["captions"]!["truncated_captions"]!.GetValue<int>());   // the long caption of each image

        var val = CaptionFolders.Read(folder, "val");
        var train = CaptionFolders.Read(folder, "train");
        Assert.Equal(3 * 2, val.Count);                          // 3 of 12 images, each with both captions
        Assert.Equal(9 * 2 * 2, train.Count);                    // 18 pairs and a blanked copy of each
        // Split by image: each val image carries both its captions, and none of them is a training image.
        var valImages = val.Select(p => Convert.ToBase64String(p.Pixels!)).ToArray();
        Assert.All(valImages.GroupBy(i => i), g => Assert.Equal(2, g.Count()));
        Assert.Empty(valImages.Intersect(train.Select(p => Convert.ToBase64String(p.Pixels!))));
        Assert.All(val, p => Assert.InRange(p.Words!.Count, 3, 10));
        Assert.Contains(val, p => p.Words![0] == "the" && p.Words.Count == 10);   // truncated to max_caption_words
        var codec = CaptionPairs.Codec(folder);
        Assert.Equal(CaptionVocabulary.Unknown, codec.Words[0]);
        Assert.DoesNotContain("unknown", codec.Words);            // the words of bad entries never reach the vocabulary
        Assert.DoesNotContain("broken", codec.Words);

        // A few steps of training: both regions scored on val; val_blank pairs with val, its caption only context.
        var config = Tests.Data.ExampleData.TinyRun(folder, nCtx: codec.ExampleLength - 1, vocab: codec.VocabSize, steps: 60) with
        {
            FinalEvaluation = true,
            FinalEvalSplits = ["val_blank"],
        };
        var result = Trainer.Run(config);
        var real = result.FinalEvaluation!["val"];
        var blank = result.FinalEvaluation["val_blank"];
        Assert.Equal(6, real.Examples);
        Assert.Equal(real.ExampleIndices, blank.ExampleIndices);
        Assert.True(real.Regions.ContainsKey("caption"));
        Assert.False(blank.Regions.ContainsKey("caption"));
        Assert.True(real.Regions["image"].NatsPerToken < Math.Log(256) - 1, $"image loss {real.Regions["image"].NatsPerToken} is not below uniform");
        Assert.Equal(6, blank.PerExampleNats!["image"].Length);
        Assert.Equal("coco-captions", result.Dataset!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Validation_and_the_split_are_by_image()
    {
        using var temp = new TempFolder();
        var (captions, images) = CocoFolder.Write(temp);
        string folder = DatasetKinds.EnsurePrepared(Spec(captions, images), new DataCache(temp.File("cache")));
        // A val image's captions name its colour.
        foreach (var (words, pixels, _) in CaptionFolders.Read(folder, "val"))
            Assert.Contains(pixels![0] > 100 ? "red" : "blue", words!);
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
        Assert.Contains("9 training and 3 validation images", meta["split"]!.GetValue<string>());

        Assert.Contains("captions", Assert.Throws<ArgumentException>(() => DatasetKinds.Validate(new JsonObject { ["kind"] = "coco-captions" })).Message);
        Assert.Contains("max_caption_words", Assert.Throws<ArgumentException>(() => DatasetKinds.Validate(new JsonObject { ["kind"] = "coco-captions", ["captions"] = "c.json", ["max_caption_words"] = 0 })).Message);
        Assert.Throws<FileNotFoundException>(() => DatasetKinds.EnsurePrepared(new JsonObject { ["kind"] = "coco-captions", ["captions"] = temp.File("none.json") }, new DataCache(temp.File("cache"))));
    }
}
