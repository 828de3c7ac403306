using ScalingLaws.Evaluation;
using ScalingLaws.Experiments.Language;
using ScalingLaws.Models;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Experiments;

/// <summary>Finished language runs as the trainer would record them, with the sizes, tokens and losses a test chooses.</summary>
internal static class LanguageRuns
{
    /// <summary>The model of n_layer x d_model at vocabulary 1,024 and n_ctx 64.</summary>
    public static GptConfig Model(int nLayer, int dModel) => new(nLayer, dModel, NHead: dModel % 4 == 0 ? 4 : 2, NCtx: 64, VocabSize: 1024);

    /// <summary>Non-embedding parameters of n_layer x d_model.</summary>
    public static long N(int nLayer, int dModel) => ParameterCount.Of(Model(nLayer, dModel)).NonEmbeddingParams;

    /// <summary>
    /// A finished run: <paramref name="loss"/> is its best (and, with <paramref name="wholeSplit"/>, its whole-split final)
    /// validation loss; FLOPs per token are the real counts of its model.
    /// </summary>
    public static LanguageRun Run(string id, string group, int nLayer, int dModel, double loss, long tokens = 1_000_000, long? datasetTokens = null,
        double? budget = null, IReadOnlyList<CurvePoint>? curve = null, long seed = 0, bool wholeSplit = false, double? transferLoss = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        var model = Model(nLayer, dModel);
        var counts = ParameterCount.Of(model);
        var config = new TrainConfig(model, "unused", Seed: seed, DatasetTokens: datasetTokens);
        double kaplan = FlopCount.KaplanTrainingFlopsPerToken(model), withHead = FlopCount.TrainingFlopsPerTokenWithHead(model);
        Dictionary<string, SplitEvaluation>? final = null;
        if (wholeSplit || transferLoss is not null)
        {
            final = new() { ["val"] = Split(loss) };
            if (transferLoss is { } t) final["transfer"] = Split(t);
        }
        var result = new RunResult
        {
            Status = RunStatus.Completed,
            Config = config,
            LearningCurve = curve ?? [],
            FinalTrainLoss = loss,
            FinalValLoss = loss,
            BestValLoss = loss,
            FinalEvaluation = final,
            NonEmbeddingParams = counts.NonEmbeddingParams,
            TotalParams = counts.Total,
            EmbeddingParams = counts.Embedding,
            FlopsPerToken = kaplan,
            FlopsPerTokenWithHead = withHead,
            ComputeFlops = kaplan * tokens,
            ComputeFlopsWithHead = withHead * tokens,
            Steps = tokens / 2048,
            Tokens = tokens,
            WallSeconds = 1,
            TokensPerSecond = 1000,
            Seed = seed,
            Device = "cpu",
            Threads = 2,
            LibraryVersion = "test",
            TorchSharpVersion = "test",
            Machine = MachineInfo.Current(),
            Date = DateTimeOffset.UnixEpoch,
            Notes = [],
        };
        return new LanguageRun(id, group, result, budget, tags);
    }

    /// <summary>A learning curve of the model whose loss after D tokens is <paramref name="lossAtTokens"/>(D), at the given token counts.</summary>
    public static CurvePoint[] Curve(int nLayer, int dModel, IEnumerable<double> tokens, Func<double, double> lossAtTokens)
    {
        var model = Model(nLayer, dModel);
        double kaplan = FlopCount.KaplanTrainingFlopsPerToken(model), withHead = FlopCount.TrainingFlopsPerTokenWithHead(model);
        return tokens.Select((d, i) => new CurvePoint
        {
            Step = i + 1,
            Tokens = (long)d,
            ComputeFlops = kaplan * (long)d,
            ComputeFlopsWithHead = withHead * (long)d,
            TrainLoss = 0,
            ValLoss = lossAtTokens((long)d),
            LearningRate = 1e-3,
            ElapsedSeconds = i,
        }).ToArray();
    }

    private static SplitEvaluation Split(double natsPerToken) => new()
    {
        Examples = 1,
        Tokens = 1,
        NatsPerToken = natsPerToken,
        Regions = new Dictionary<string, RegionScore>(),
    };
}
