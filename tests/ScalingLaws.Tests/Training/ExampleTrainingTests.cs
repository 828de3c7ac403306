using ScalingLaws.Data;
using ScalingLaws.Evaluation;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Training;

/// <summary>The trainer on whole examples: images, caption-image pairs and questions with answers.</summary>
public class ExampleTrainingTests
{
    [Fact]
    public void Images_train_on_every_pixel_and_the_record_holds_per_region_per_example_losses_and_samples()
    {
        using var temp = new TempFolder();
        string folder = ExampleData.Images(temp);
        var config = ExampleData.TinyRun(folder, nCtx: 12, vocab: ImageTokens.VocabSize) with
        {
            FinalEvaluation = true,
            Samples = [new SampleRequest { Split = "val", Region = "image", Examples = 4 }],
        };
        var result = Trainer.Run(config);

        var val = result.FinalEvaluation!["val"];
        var image = val.Regions["image"];
        Assert.Equal(64, val.Examples);
        Assert.Equal(64 * 12, image.Tokens);          // all 12 intensities of every image scored, the start token not
        Assert.Equal(image.NatsPerToken * 12, image.NatsPerExample, 9);
        Assert.Equal(val.NatsPerToken, image.NatsPerToken, 12);
        Assert.True(image.NatsPerToken < Math.Log(256) - 1, $"image loss {image.NatsPerToken} is not below uniform");
        Assert.Equal(64, val.PerExampleNats!["image"].Length);
        Assert.Equal(image.NatsPerExample, val.PerExampleNats["image"].Average(), 4);
        Assert.Equal(result.LearningCurve[^1].ValLoss, val.NatsPerToken, 1);  // the curve scores a 32-image sample of the same split

        Assert.Equal(4, result.Samples!.Count);
        Assert.All(result.Samples, s => Assert.Equal(12, s.Generated.Length));
        Assert.All(result.Samples, s => Assert.Equal([ImageTokens.Start], s.Prompt));
        Assert.Equal("test", result.Dataset!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Caption_image_pairs_train_the_image_only_and_the_caption_lowers_the_image_loss()
    {
        using var temp = new TempFolder();
        var (folder, codec) = ExampleData.CaptionImages(temp);
        var config = ExampleData.TinyRun(folder, nCtx: codec.ExampleLength - 1, vocab: codec.VocabSize, steps: 200) with
        {
            TrainRegions = ["image"],
            FinalEvaluation = true,
            FinalEvalSplits = ["val_blank"],
            Samples = [new SampleRequest { Split = "val", Region = "image", Examples = 2 }, new SampleRequest { Split = "val_blank", Region = "image", Examples = 2 }],
        };
        var result = Trainer.Run(config);
        var real = result.FinalEvaluation!["val"];
        var blank = result.FinalEvaluation["val_blank"];

        // Both regions are scored; only the image is trained, so the caption stays near uniform over the vocabulary.
        Assert.Equal(real.Regions["image"].NatsPerToken, real.NatsPerToken, 12);
        Assert.True(real.Regions["caption"].NatsPerToken > 1.5, $"caption loss {real.Regions["caption"].NatsPerToken}: the caption was trained?");
        Assert.False(blank.Regions.ContainsKey("caption"));   // a blank caption is context, not a caption
        // The caption names the colour: knowing it saves nats on the image (I(caption; image) > 0), pair by pair.
        var withCaption = real.PerExampleNats!["image"];
        var withoutCaption = blank.PerExampleNats!["image"];
        Assert.Equal(real.ExampleIndices, blank.ExampleIndices);
        double mi = withoutCaption.Zip(withCaption, (b, r) => (double)b - r).Average();
        Assert.True(mi > 0.5, $"mutual information estimate {mi} nats per image");
        Assert.Equal(4, result.Samples!.Count);
        Assert.All(result.Samples, s => Assert.Equal(codec.CaptionTokens + 1, s.Prompt.Length));
    }

    [Fact]
    public void Exact_match_from_the_scorer_equals_exact_match_by_greedy_decoding()
    {
        using var temp = new TempFolder();
        string folder = ExampleData.Additions(temp);
        var config = ExampleData.TinyRun(folder, nCtx: 24, vocab: QuestionAnswerTokens.VocabSize, steps: 150) with
        {
            TrainRegions = ["answer"],
            FinalEvaluation = true,
            ExtraEvalSplits = ["test"],
            Samples = [new SampleRequest { Split = "val", Region = "answer", Examples = 100, Greedy = true }],
        };
        var result = Trainer.Run(config);
        var answer = result.FinalEvaluation!["val"].Regions["answer"];
        int greedyRight = result.Samples!.Count(s => s.ExactMatch);
        Assert.Equal(100, result.Samples!.Count);
        Assert.Equal(greedyRight, answer.ExactMatches);
        Assert.InRange(answer.ExactMatch, 0.05, 0.99);   // partly trained: the comparison covers right and wrong answers
        Assert.Equal(["carry", "small"], result.FinalEvaluation["test"].Subsets!.Keys.Order());
        Assert.Equal(100, result.FinalEvaluation["test"].Subsets!.Values.Sum(s => s.Examples));
        Assert.All(result.LearningCurve, p => Assert.True(p.ExtraValLosses!.ContainsKey("test")));
        Assert.All(result.Samples!.Where(s => s.ExactMatch), s => Assert.Equal(QuestionAnswerTokens.End, s.Generated[^1]));
    }

    [Fact]
    public void A_run_on_examples_resumed_from_a_checkpoint_ends_where_the_uninterrupted_one_does()
    {
        using var temp = new TempFolder();
        string folder = ExampleData.Additions(temp);
        string checkpoints = temp.File("ckpt");
        var config = ExampleData.TinyRun(folder, nCtx: 24, vocab: QuestionAnswerTokens.VocabSize, steps: 30) with { CheckpointDir = checkpoints, CheckpointEverySteps = 10 };
        var full = Trainer.Run(config);
        File.Delete(Checkpoint.List(checkpoints)[0]);       // the step-30 checkpoint: the next run resumes at step 20
        var resumed = Trainer.Run(config);
        Assert.Contains(resumed.Notes, n => n.Contains("Resumed") && n.Contains("step 20"));
        Assert.Equal(full.FinalValLoss!.Value, resumed.FinalValLoss!.Value, 5);
    }

    [Fact]
    public void Bad_regions_and_sample_splits_are_refused_before_training()
    {
        using var temp = new TempFolder();
        string folder = ExampleData.Images(temp, train: 20, val: 8);
        var config = ExampleData.TinyRun(folder, nCtx: 12, vocab: ImageTokens.VocabSize);
        var region = Assert.Throws<ArgumentException>(() => Trainer.Run(config with { TrainRegions = ["answer"] }));
        Assert.Contains("regions are image", region.Message);
        var split = Assert.Throws<ArgumentException>(() => Trainer.Run(config with { Samples = [new SampleRequest { Split = "test", Region = "image" }] }));
        Assert.Contains("final_eval_splits", split.Message);
        var ctx = Assert.Throws<ArgumentException>(() => Trainer.Run(config with { Model = config.Model with { NCtx = 8 } }));
        Assert.Contains("set n_ctx to at least 12", ctx.Message);
    }
}

public class EarlyStoppedModelTests
{
    [Fact]
    public void An_early_stopped_run_reports_its_best_weights_not_the_weights_after_its_patience()
    {
        using var temp = new TempFolder();
        string folder = ExampleData.Images(temp, train: 12, val: 64);   // few training images: it overfits fast
        var config = ExampleData.TinyRun(folder, nCtx: 12, vocab: ImageTokens.VocabSize, steps: 2000) with
        {
            Model = new ScalingLaws.Models.GptConfig(NLayer: 2, DModel: 64, NHead: 4, NCtx: 12, VocabSize: ImageTokens.VocabSize),
            Schedule = new LearningRateSchedule(ScheduleKind.Constant, 1e-2, WarmupSteps: 5),
            EvalEverySteps = 10,
            EvalSequences = 64,
            EarlyStoppingPatience = 3,
            FinalEvaluation = true,
            CheckpointDir = temp.File("ckpt"),
        };
        var result = Trainer.Run(config);
        Assert.Equal(RunStatus.EarlyStopped, result.Status);
        double final = result.FinalEvaluation!["val"].NatsPerToken;
        Assert.Equal(result.BestValLoss!.Value, final, 4);                       // scored on the same 64 images
        Assert.True(result.LearningCurve[^1].ValLoss > final + 1e-3, "the last evaluation should be worse than the best");
        Assert.True(File.Exists(temp.File(Path.Combine("ckpt", "best.bin"))));
    }
}
