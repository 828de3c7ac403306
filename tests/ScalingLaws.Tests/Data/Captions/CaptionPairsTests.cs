using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class CaptionPairsTests
{
    private static readonly ImageTokens Tiny = new(2, 1, 1);

    private static CaptionImageTokens Codec(PairOrder order) => new(Tiny, ["red", "blue"], MaxCaptionWords: 1, order);

    [Fact]
    public void Blanking_blanks_the_part_that_comes_first()
    {
        var pair = new CaptionPair(["red"], [10, 20]);
        var text = CaptionPairs.Encode(Codec(PairOrder.TextToImage), pair, blank: true);
        Assert.Equal(new ushort[] { CaptionImageTokens.Start, CaptionImageTokens.Blank, CaptionImageTokens.EndOfCaption, 10, 20 }, text.Tokens);
        var image = CaptionPairs.Encode(Codec(PairOrder.ImageToText), pair, blank: true);
        Assert.Equal(new ushort[] { CaptionImageTokens.Start, CaptionImageTokens.Blank, CaptionImageTokens.Pad, CaptionImageTokens.FirstWord, CaptionImageTokens.EndOfCaption }, image.Tokens);
        Assert.Equal("caption", CaptionPairs.BlankedPart(PairOrder.TextToImage));
        Assert.Equal("image", CaptionPairs.BlankedPart(PairOrder.ImageToText));
    }

    [Fact]
    public void Train_mixes_in_the_blanked_share_and_val_blank_pairs_with_val_in_order()
    {
        var rng = new Random(2);
        var pairs = Enumerable.Range(0, 30).Select(i => new CaptionPair([i % 2 == 0 ? "red" : "blue"], [(byte)i, (byte)(i + 1)])).ToArray();
        var blanked = CaptionPairs.CopiesToBlank(pairs, 0.25, rng);
        Assert.Equal(10, blanked.Count);                       // 10 of 40 = 0.25
        Assert.Equal(10, blanked.Distinct().Count());          // each pair at most once while some are left
        Assert.Equal(90, CaptionPairs.CopiesToBlank(pairs, 0.75, rng).Count);
        var splits = CaptionPairs.Splits(Codec(PairOrder.TextToImage), pairs, blanked, pairs[..5], rng);
        Assert.Equal(40, splits["train"].Count);
        Assert.Equal(10, splits["train"].Count(e => e.Tokens[1] == CaptionImageTokens.Blank));
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(splits["val"][i].Tokens[^2..], splits["val_blank"][i].Tokens[^2..]);   // same image
            Assert.Equal(CaptionImageTokens.Blank, splits["val_blank"][i].Tokens[1]);
        }
    }

    [Fact]
    public void Order_and_blank_fraction_settings_are_checked()
    {
        Assert.Equal(PairOrder.ImageToText, CaptionPairs.ReadOrder(new JsonObject { ["order"] = "image-to-text" }));
        Assert.Equal(PairOrder.TextToImage, CaptionPairs.ReadOrder(new JsonObject()));
        Assert.Contains("text-to-image", Assert.Throws<ArgumentException>(() => CaptionPairs.ReadOrder(new JsonObject { ["order"] = "sideways" })).Message);
        Assert.Contains("blank_fraction", Assert.Throws<ArgumentException>(() => CaptionPairs.ReadBlankFraction(new JsonObject { ["blank_fraction"] = 1.0 })).Message);
    }
}
