using ScalingLaws.Models;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Training;

/// <summary>Bad input is a clear error before the first training step.</summary>
public class BadInputTests
{
    [Fact]
    public void d_model_not_divisible_by_n_head()
    {
        using var data = new TempDataset();
        var e = Assert.Throws<ArgumentException>(() => Trainer.Run(data.TinyRun() with { Model = data.TinyRun().Model with { NHead = 3 } }));
        Assert.Contains("not divisible by n_head", e.Message);
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("steps")]
    [InlineData("layers")]
    public void Non_positive_sizes(string field)
    {
        using var data = new TempDataset();
        var c = data.TinyRun();
        var bad = field switch
        {
            "batch" => c with { BatchSequences = 0 },
            "steps" => c with { MaxSteps = -1 },
            _ => c with { Model = c.Model with { NLayer = 0 } },
        };
        Assert.Throws<ArgumentException>(() => Trainer.Run(bad));
    }

    [Fact]
    public void Context_longer_than_the_data()
    {
        using var data = new TempDataset(trainTokens: 5000, valTokens: 10);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Run(data.TinyRun()));
        Assert.Contains("longer than the data", e.Message);
        Assert.Contains("val.bin", e.Message);
    }

    [Fact]
    public void Missing_and_corrupt_token_files()
    {
        using var data = new TempDataset();
        File.WriteAllBytes(Path.Combine(data.Folder, "train.bin"), [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => Trainer.Run(data.TinyRun()));
        File.Delete(Path.Combine(data.Folder, "train.bin"));
        Assert.Throws<FileNotFoundException>(() => Trainer.Run(data.TinyRun()));
        Assert.Throws<DirectoryNotFoundException>(() => Trainer.Run(data.TinyRun() with { Data = Path.Combine(data.Folder, "nope") }));
    }

    [Fact]
    public void Unknown_device()
    {
        using var data = new TempDataset();
        var e = Assert.Throws<ArgumentException>(() => Trainer.Run(data.TinyRun() with { Device = "tpu" }));
        Assert.Contains("Unknown device 'tpu'", e.Message);
    }

    [Fact]
    public void Cuda_requested_without_cuda()
    {
        ScalingLaws.Native.TorchSharpNative.EnsureLoadable();
        if (TorchSharp.torch.cuda.is_available()) return;  // only meaningful on a machine without a GPU
        using var data = new TempDataset();
        var e = Assert.Throws<ArgumentException>(() => Trainer.Run(data.TinyRun() with { Device = "cuda" }));
        Assert.Contains("CUDA is not available", e.Message);
    }

    [Fact]
    public void Missing_checkpoint_to_resume_from()
    {
        using var data = new TempDataset();
        string missing = Path.Combine(data.Folder, "ckpt-0000000010.bin");
        var e = Assert.Throws<FileNotFoundException>(() => Trainer.Run(data.TinyRun() with { ResumeFrom = missing }));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Model_vocabulary_smaller_than_the_data()
    {
        using var data = new TempDataset(vocabSize: 16);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Run(data.TinyRun() with { Model = new GptConfig(2, 32, 2, 16, VocabSize: 8) }));
        Assert.Contains("vocab_size", e.Message);
    }
}
