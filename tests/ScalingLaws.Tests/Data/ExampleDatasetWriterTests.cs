using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class ExampleDatasetWriterTests
{
    [Fact]
    public void A_written_folder_opens_with_its_examples_regions_and_subsets_and_reports_itself_intact()
    {
        using var temp = new TempFolder();
        string folder = ExampleData.Additions(temp, train: 50, val: 10);
        Assert.True(ExampleDatasetWriter.IsIntact(folder, "additions"));
        Assert.False(ExampleDatasetWriter.IsIntact(folder, "other inputs"));
        using var data = TokenDataset.Open(folder);
        Assert.Equal(DataLayout.Examples, data.Layout.Layout);
        Assert.Equal(Packing.Pack, data.Layout.Packing);
        Assert.Equal(["question", "answer"], data.Layout.Regions);
        Assert.Equal(["small", "carry"], data.Layout.Subsets);
        Assert.Equal(50, data.Train.ExampleCount);
        var example = data.Validation.Example(0);
        string question = QuestionAnswerTokens.Decode(example.Tokens.Skip(1).TakeWhile(t => t != QuestionAnswerTokens.Separator).Select(t => (int)t));
        string answer = QuestionAnswerTokens.Decode(example.Tokens.SkipWhile(t => t != QuestionAnswerTokens.Separator).Skip(1).Select(t => (int)t));
        int a = question[0] - '0', b = question[2] - '0';
        Assert.Equal((a + b).ToString(), answer);
        Assert.Equal(a + b < 10 ? 0 : 1, data.Validation.Subset(0));
        Assert.Equal(0, example.Regions[0]);
        Assert.Equal(2, example.Regions[^1]);
    }

    [Fact]
    public void A_damaged_file_is_detected_and_a_missing_index_is_refused_with_the_fix()
    {
        using var temp = new TempFolder();
        string folder = ExampleData.Images(temp, train: 20, val: 5);
        var bytes = File.ReadAllBytes(Path.Combine(folder, "train.bin"));
        bytes[10] ^= 1;
        File.WriteAllBytes(Path.Combine(folder, "train.bin"), bytes);
        Assert.False(ExampleDatasetWriter.IsIntact(folder, "images"));
        File.Delete(Path.Combine(folder, "val.examples.bin"));
        var e = Assert.Throws<FileNotFoundException>(() => TokenDataset.Open(folder));
        Assert.Contains("example index", e.Message);
    }
}
