using ScalingLaws.Data;
using ScalingLaws.Models;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Data;

/// <summary>A dataset folder in the temp directory, deleted on dispose; tokens follow a learnable pattern.</summary>
internal sealed class TempDataset : IDisposable
{
    public TempDataset(int trainTokens = 20_000, int valTokens = 4_000, int vocabSize = 16, bool[]? trainMask = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "scaling-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        VocabSize = vocabSize;
        TokenFile.Write(Path.Combine(Folder, "train.bin"), Pattern(trainTokens, vocabSize, seed: 1));
        TokenFile.Write(Path.Combine(Folder, "val.bin"), Pattern(valTokens, vocabSize, seed: 2));
        File.WriteAllText(Path.Combine(Folder, "meta.json"), $"{{\"vocab_size\": {vocabSize}}}");
        if (trainMask is not null)
            File.WriteAllBytes(Path.Combine(Folder, "train.mask.bin"), trainMask.Select(m => (byte)(m ? 1 : 0)).ToArray());
    }

    public string Folder { get; }

    public int VocabSize { get; }

    /// <summary>A small model and a short single-threaded run on this data.</summary>
    public TrainConfig TinyRun(long steps = 30, string? checkpointDir = null) => new(
        new GptConfig(NLayer: 2, DModel: 32, NHead: 2, NCtx: 16, VocabSize: VocabSize),
        Folder, Seed: 7, BatchSequences: 8, MaxSteps: steps,
        Schedule: new LearningRateSchedule(PeakLearningRate: 3e-3, WarmupSteps: 5),
        EvalEverySteps: 10, EvalPointsPerDecade: 3, EvalSequences: 16,
        CheckpointDir: checkpointDir, Device: "cpu", Threads: 1, ProgressIntervalSeconds: 1000);

    /// <summary>A noisy counting sequence: x[i+1] = x[i] + 1 mod V, with every 7th token random (so it is learnable but not trivial).</summary>
    public static ushort[] Pattern(int n, int vocabSize, int seed)
    {
        var rng = new Random(seed);
        var tokens = new ushort[n];
        for (int i = 1; i < n; i++)
            tokens[i] = (ushort)(i % 7 == 0 ? rng.Next(vocabSize) : (tokens[i - 1] + 1) % vocabSize);
        return tokens;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
