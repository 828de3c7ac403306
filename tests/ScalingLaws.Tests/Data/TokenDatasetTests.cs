using ScalingLaws.Data;
using ScalingLaws.Models;
using ScalingLaws.Native;
using static TorchSharp.torch;

namespace ScalingLaws.Tests.Data;

public class TokenDatasetTests
{
    public TokenDatasetTests() => TorchSharpNative.EnsureLoadable();

    [Fact]
    public void Reads_little_endian_uint16_tokens_from_the_mapped_files()
    {
        using var temp = new TempDataset(trainTokens: 1000, valTokens: 300, vocabSize: 300);
        var expected = TempDataset.Pattern(1000, 300, seed: 1);
        using var data = TokenDataset.Open(temp.Folder);
        Assert.Equal(300, data.VocabSize);
        Assert.Equal(1000, data.Train.Length);
        Assert.Equal(300, data.Validation.Length);
        var window = new ushort[50];
        data.Train.ReadTokens(900, window);
        Assert.Equal(expected[900..950], window);
        Assert.False(data.Train.HasMask);
    }

    [Fact]
    public void Sampler_is_a_pure_function_of_seed_and_position_so_resume_sees_the_same_batches()
    {
        using var temp = new TempDataset();
        using var data = TokenDataset.Open(temp.Folder);
        var a = new SequenceSampler(data.Train, 16, seed: 3);
        a.Next(4, CPU).Input.Dispose();
        a.Next(4, CPU).Input.Dispose();
        var (inputA, targetA) = a.Next(4, CPU);
        var b = new SequenceSampler(data.Train, 16, seed: 3, sequencesDrawn: 8);
        var (inputB, targetB) = b.Next(4, CPU);
        Assert.True(inputA.equal(inputB).all().item<bool>());
        Assert.True(targetA.equal(targetB).all().item<bool>());
        Assert.Equal(12, a.SequencesDrawn);
        // Targets are the inputs shifted by one token.
        Assert.True(inputA[.., 1..].equal(targetA[.., ..^1]).all().item<bool>());
        var (inputC, _) = new SequenceSampler(data.Train, 16, seed: 4, sequencesDrawn: 8).Next(4, CPU);
        Assert.False(inputA.equal(inputC).all().item<bool>());
    }

    [Fact]
    public void Mask_file_marks_targets_outside_the_loss()
    {
        var mask = Enumerable.Range(0, 20_000).Select(i => i % 4 == 0).ToArray();
        using var temp = new TempDataset(trainMask: mask);
        using var data = TokenDataset.Open(temp.Folder);
        Assert.True(data.Train.HasMask);
        var (_, target) = SequenceSampler.Windows(data.Train, 16, [100], CPU);
        var t = target.data<long>().ToArray();
        for (int i = 0; i < 16; i++)
            Assert.Equal((100 + i + 1) % 4 == 0, t[i] != LanguageModelLoss.MaskedTarget);
    }

    [Fact]
    public void Evaluation_windows_are_fixed_and_inside_the_split()
    {
        var split = TokenSplit.FromTokens("val", TempDataset.Pattern(1000, 16, 2), 16);
        var starts = EvaluationWindows.Starts(split, 16, 10);
        Assert.Equal(starts, EvaluationWindows.Starts(split, 16, 10));
        Assert.Equal(10, starts.Length);
        Assert.Equal(0, starts[0]);
        Assert.Equal(1000 - 17, starts[^1]);
        Assert.Equal(2, EvaluationWindows.Starts(TokenSplit.FromTokens("short", new ushort[40], 16), 16, 10).Length);  // starts 0 and 16
    }

    [Fact]
    public void Missing_token_file_is_a_clear_error()
    {
        using var temp = new TempDataset();
        File.Delete(Path.Combine(temp.Folder, "val.bin"));
        var e = Assert.Throws<FileNotFoundException>(() => TokenDataset.Open(temp.Folder));
        Assert.Contains("val.bin", e.Message);
    }

    [Fact]
    public void Token_file_with_a_torn_last_token_is_corrupt()
    {
        using var temp = new TempDataset();
        File.WriteAllBytes(Path.Combine(temp.Folder, "train.bin"), new byte[101]);
        var e = Assert.Throws<InvalidDataException>(() => TokenDataset.Open(temp.Folder));
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void Token_ids_beyond_the_vocabulary_are_reported()
    {
        using var temp = new TempDataset(vocabSize: 16);
        File.WriteAllText(Path.Combine(temp.Folder, "meta.json"), "{\"vocab_size\": 8}");
        var e = Assert.Throws<InvalidDataException>(() => TokenDataset.Open(temp.Folder));
        Assert.Contains("vocab_size is 8", e.Message);
    }

    [Fact]
    public void Missing_or_bad_meta_json_is_reported()
    {
        using var temp = new TempDataset();
        File.WriteAllText(Path.Combine(temp.Folder, "meta.json"), "{\"vocab\": 16}");
        Assert.Contains("vocab_size", Assert.Throws<InvalidDataException>(() => TokenDataset.Open(temp.Folder)).Message);
        File.Delete(Path.Combine(temp.Folder, "meta.json"));
        Assert.Throws<FileNotFoundException>(() => TokenDataset.Open(temp.Folder));
    }

    [Fact]
    public void Context_longer_than_the_data_is_rejected()
    {
        var split = TokenSplit.FromTokens("tiny", new ushort[10], 16);
        var e = Assert.Throws<ArgumentException>(() => new SequenceSampler(split, 16, 0));
        Assert.Contains("longer than the data", e.Message);
    }
}
