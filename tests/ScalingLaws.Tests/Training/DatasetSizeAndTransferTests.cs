using ScalingLaws.Data;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;
using static TorchSharp.torch;

namespace ScalingLaws.Tests.Training;

public class DatasetSizeAndTransferTests
{
    [Fact]
    public void A_dataset_token_limit_samples_only_from_the_prefix()
    {
        ScalingLaws.Native.TorchSharpNative.EnsureLoadable();
        // The first 100 tokens are 1, the rest 2: a sampler limited to D = 100 may only ever see 1s.
        var tokens = Enumerable.Range(0, 5000).Select(i => (ushort)(i < 100 ? 1 : 2)).ToArray();
        using var split = TokenSplit.FromTokens("prefix", tokens, vocabSize: 4);
        var limited = new SequenceSampler(split, nCtx: 16, seed: 3, tokenLimit: 100);
        var unlimited = new SequenceSampler(split, nCtx: 16, seed: 3);
        using var scope = NewDisposeScope();
        var (input, target) = limited.Next(256, CPU);
        Assert.Equal(1, input.max().item<long>());
        Assert.Equal(1, target.max().item<long>());
        Assert.Equal(2, unlimited.Next(256, CPU).Input.max().item<long>());
    }

    [Fact]
    public void A_dataset_token_limit_shorter_than_one_window_is_refused_before_training()
    {
        using var data = new TempDataset();
        var error = Assert.Throws<ArgumentException>(() => Trainer.Run(data.TinyRun() with { DatasetTokens = 10 }));
        Assert.Contains("dataset_tokens", error.Message);
    }

    [Fact]
    public void Extra_evaluation_splits_are_recorded_at_every_evaluation()
    {
        using var data = new TempDataset();
        ScalingLaws.Data.TokenFile.Write(Path.Combine(data.Folder, "transfer.bin"), TempDataset.Pattern(3000, data.VocabSize, seed: 5));
        var result = Trainer.Run(data.TinyRun(steps: 20) with { ExtraEvalSplits = ["transfer"] });
        Assert.NotEmpty(result.LearningCurve);
        Assert.All(result.LearningCurve, p => Assert.True(double.IsFinite(p.ExtraValLosses!["transfer"])));
        // The same learnable pattern: the transfer loss falls as training goes on, like the validation loss.
        Assert.True(result.LearningCurve[^1].ExtraValLosses!["transfer"] < result.LearningCurve[0].ExtraValLosses!["transfer"]);
    }

    [Fact]
    public void A_missing_extra_split_is_named_before_training()
    {
        using var data = new TempDataset();
        var error = Assert.Throws<FileNotFoundException>(() => Trainer.Run(data.TinyRun() with { ExtraEvalSplits = ["transfer"] }));
        Assert.Contains("transfer", error.Message);
        Assert.Contains("This dataset has: ", error.Message);
    }
}
