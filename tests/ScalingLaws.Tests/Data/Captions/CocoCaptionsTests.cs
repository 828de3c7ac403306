using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class CocoCaptionsTests
{
    [Fact]
    public void Bad_entries_are_counted_by_reason_and_the_good_pairs_kept()
    {
        using var temp = new TempFolder();
        var (captions, images) = CocoFolder.Write(temp);
        var load = CocoCaptions.Load(captions, images, size: 8);

        Assert.Equal(CocoFolder.GoodImages, load.Images.Count);
        Assert.Equal(CocoFolder.GoodImages + 4, load.ImagesListed);
        Assert.Equal(1, load.Problems["missing file"]);
        Assert.Equal(1, load.Problems["undecodable image"]);
        Assert.Equal(1, load.Problems["image entry without id or file_name"]);
        Assert.Equal(1, load.Problems["duplicate image id"]);
        Assert.Equal(1, load.Problems["caption of an unknown image"]);
        Assert.Equal(1, load.Problems["empty caption"]);
        Assert.Equal(1, load.Problems["caption entry without image_id or caption"]);
        Assert.Equal(7, load.BadEntries);
        Assert.Contains(load.Examples, e => e.Contains("missing.bmp"));
        Assert.Equal([["a", "red", "picture"], ["the", "picture", "is", "red", "all", "red", "entirely", "and", "completely", "red", "from", "edge", "to", "edge"]], load.Images[0].Captions);
        Assert.Equal(2, load.Images[1].Captions.Count);   // its empty and its caption-less annotations were dropped
    }

    [Fact]
    public void Images_are_centre_cropped_to_a_square_before_downsampling()
    {
        using var temp = new TempFolder();
        var (captions, images) = CocoFolder.Write(temp);
        var load = CocoCaptions.Load(captions, images, size: 4);
        // The green side columns lie outside the centred 8 x 8 square: every pixel of image 0 is red.
        Assert.Equal(4 * 4 * 3, load.Images[0].Pixels.Length);
        Assert.Equal(Enumerable.Repeat(new byte[] { 220, 20, 20 }, 16).SelectMany(p => p), load.Images[0].Pixels);
    }

    [Fact]
    public void A_file_that_is_not_caption_json_stops_the_load_with_the_reason()
    {
        using var temp = new TempFolder();
        string bad = temp.File("bad.json");
        File.WriteAllText(bad, "{\"images\": [");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => CocoCaptions.Load(bad, temp.Path, 8)).Message);
        File.WriteAllText(bad, "{\"pictures\": []}");
        Assert.Contains("\"annotations\"", Assert.Throws<InvalidDataException>(() => CocoCaptions.Load(bad, temp.Path, 8)).Message);
        Assert.Throws<FileNotFoundException>(() => CocoCaptions.Load(temp.File("none.json"), temp.Path, 8));
    }
}
