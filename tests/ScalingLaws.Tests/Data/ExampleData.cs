using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Models;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Data;

/// <summary>Small generated datasets of whole examples (images, caption-image pairs, questions and answers) in temp folders.</summary>
internal static class ExampleData
{
    /// <summary>2x2 RGB images: one of four flat colours, each intensity jittered by 0-3.</summary>
    public static readonly ImageTokens TinyImage = new(2, 2, 3);

    private static readonly byte[][] Colours = [[200, 40, 40], [40, 200, 40], [40, 40, 200], [220, 220, 40]];
    private static readonly string[] ColourNames = ["red", "green", "blue", "yellow"];

    public static byte[] Image(Random rng, int colour) =>
        Enumerable.Range(0, TinyImage.TokensPerImage).Select(i => (byte)(Colours[colour][i % 3] + rng.Next(4))).ToArray();

    /// <summary>A folder of tiny images: "train" and "val".</summary>
    public static string Images(TempFolder folder, int train = 400, int val = 64)
    {
        var rng = new Random(3);
        IReadOnlyList<TokenExample> Split(int n) => Enumerable.Range(0, n).Select(_ => TinyImage.Encode(Image(rng, rng.Next(4)))).ToArray();
        return Write(folder, "images", TinyImage.Layout(), new() { ["train"] = Split(train), ["val"] = Split(val) });
    }

    /// <summary>Caption-image pairs whose caption names the image's colour, with a blanked copy of val ("val_blank").</summary>
    public static (string Folder, CaptionImageTokens Codec) CaptionImages(TempFolder folder, PairOrder order = PairOrder.TextToImage, int train = 400, int val = 48)
    {
        var codec = new CaptionImageTokens(TinyImage, [.. ColourNames, "a", "the", "square"], MaxCaptionWords: 3, order);
        var rng = new Random(5);
        var valPairs = Enumerable.Range(0, val).Select(_ => rng.Next(4)).Select(c => (Colour: c, Pixels: Image(rng, c))).ToArray();
        string[] Caption(int c) => [rng.Next(2) == 0 ? "a" : "the", ColourNames[c], "square"];
        var trainExamples = Enumerable.Range(0, train).Select(i =>
        {
            int c = rng.Next(4);
            // Half the training captions are blanked, so the model also learns the unconditional distribution.
            return codec.Encode(i % 2 == 0 ? null : Caption(c), Image(rng, c));
        }).ToArray();
        var splits = new Dictionary<string, IReadOnlyList<TokenExample>>
        {
            ["train"] = trainExamples,
            ["val"] = valPairs.Select(p => codec.Encode(Caption(p.Colour), p.Pixels)).ToArray(),
            ["val_blank"] = valPairs.Select(p => codec.Encode(null, p.Pixels)).ToArray(),
        };
        return (Write(folder, "captions", codec.Layout(), splits), codec);
    }

    /// <summary>Single-digit additions "3+4" -> "7" in two subsets (sums below and from 10).</summary>
    public static string Additions(TempFolder folder, int train = 600, int val = 100)
    {
        var rng = new Random(7);
        IReadOnlyList<TokenExample> Split(int n) => Enumerable.Range(0, n).Select(_ =>
        {
            int a = rng.Next(10), b = rng.Next(10);
            return QuestionAnswerTokens.Encode($"{a}+{b}", (a + b).ToString(), subset: (ushort)(a + b < 10 ? 0 : 1));
        }).ToArray();
        return Write(folder, "additions", QuestionAnswerTokens.Layout(["small", "carry"]), new() { ["train"] = Split(train), ["val"] = Split(val), ["test"] = Split(val) });
    }

    /// <summary>A short single-threaded run of a small model on an example dataset.</summary>
    public static TrainConfig TinyRun(string folder, int nCtx, int vocab, long steps = 40) => new(
        new GptConfig(NLayer: 2, DModel: 32, NHead: 2, NCtx: nCtx, VocabSize: vocab),
        folder, Seed: 11, BatchSequences: 16, MaxSteps: steps,
        Schedule: new LearningRateSchedule(PeakLearningRate: 3e-3, WarmupSteps: 5),
        EvalEverySteps: 20, EvalPointsPerDecade: 0, EvalSequences: 32, MeasureNoiseScale: false,
        Device: "cpu", Threads: 1, ProgressIntervalSeconds: 1000);

    private static string Write(TempFolder folder, string name, DatasetLayout layout, Dictionary<string, IReadOnlyList<TokenExample>> splits)
    {
        string path = folder.File(name);
        Directory.CreateDirectory(path);
        ExampleDatasetWriter.Write(path, layout, new JsonObject { ["kind"] = "test", ["inputs_sha256"] = name }, splits);
        return path;
    }
}
