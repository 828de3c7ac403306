using ScalingLaws.Data;
using ScalingLaws.Evaluation;
using ScalingLaws.Models;
using static TorchSharp.torch;

namespace ScalingLaws.Training;

/// <summary>
/// Everything a run evaluates: the fixed held-out windows or examples of its learning curve (the same at every
/// evaluation, so losses compare across steps and models), the final train loss, and after training the full scoring
/// of every evaluated split and the completions the record keeps.
/// </summary>
internal sealed class RunEvaluator
{
    private readonly TrainConfig config;
    private readonly TokenDataset data;
    private readonly IReadOnlyDictionary<string, TokenSplit> extras;
    private readonly RegionSelection trained;
    private readonly Device device;
    private readonly EvaluationSegments validation;
    private readonly EvaluationSegments[] extraSegments;

    public RunEvaluator(TrainConfig config, TokenDataset data, IReadOnlyDictionary<string, TokenSplit> extras, RegionSelection trained, Device device)
    {
        (this.config, this.data, this.extras, this.trained, this.device) = (config, data, extras, trained, device);
        validation = EvaluationSegments.Of(data.Validation, config.Model.NCtx, config.EvalSequences);
        extraSegments = (config.ExtraEvalSplits ?? []).Select(name => EvaluationSegments.Of(extras[name], config.Model.NCtx, config.EvalSequences)).ToArray();
    }

    /// <summary>Held-out loss on the trained regions of the curve's validation sample.</summary>
    public double ValidationLoss(Gpt model, CancellationToken cancellation) => Loss(model, validation, cancellation);

    /// <summary>The same for each extra split, by name; null when there are none.</summary>
    public Dictionary<string, double>? ExtraLosses(Gpt model, CancellationToken cancellation) =>
        extraSegments.Length == 0 ? null
            : config.ExtraEvalSplits!.Select((name, i) => (name, Loss(model, extraSegments[i], cancellation))).ToDictionary(e => e.name, e => e.Item2);

    /// <summary>Loss on a fixed sample of the training data the run could draw from.</summary>
    public double TrainLoss(Gpt model, CancellationToken cancellation) =>
        Loss(model, EvaluationSegments.Of(data.Train, config.Model.NCtx, config.EvalSequences, data.Train.HasExamples ? null : config.DatasetTokens), cancellation);

    /// <summary>With <see cref="TrainConfig.FinalEvaluation"/>: val, the extra splits and the final-only splits scored in full.</summary>
    public Dictionary<string, SplitEvaluation>? FinalEvaluation(Gpt model, CancellationToken cancellation)
    {
        if (!config.FinalEvaluation) return null;
        var splits = new List<(string Name, TokenSplit Split)> { ("val", data.Validation) };
        splits.AddRange((config.ExtraEvalSplits ?? []).Concat(config.FinalEvalSplits ?? []).Distinct().Select(name => (name, extras[name])));
        var result = new Dictionary<string, SplitEvaluation>();
        foreach (var (name, split) in splits)
        {
            var segments = EvaluationSegments.Of(split, config.Model.NCtx, config.FinalEvalExamples);
            var scores = RowScorer.Score(model, segments, data.Layout.Regions.Count, config.SequencesPerMicroBatch, device, cancellation);
            result[name] = SplitEvaluation.From(scores, segments, data.Layout, trained, perExample: split.HasExamples);
        }
        return result;
    }

    /// <summary>With <see cref="TrainConfig.Samples"/>: the completions the trained model writes.</summary>
    public List<Completion>? Samples(Gpt model, CancellationToken cancellation)
    {
        if (config.Samples is not { Count: > 0 } requests) return null;
        var completions = new List<Completion>();
        foreach (var request in requests)
            completions.AddRange(Completions.Generate(model, SplitNamed(request.Split), data.Layout, request, device, cancellation));
        return completions;
    }

    private TokenSplit SplitNamed(string name) => name switch
    {
        "train" => data.Train,
        "val" => data.Validation,
        _ => extras[name],
    };

    private double Loss(Gpt model, EvaluationSegments segments, CancellationToken cancellation)
    {
        var scores = RowScorer.Score(model, segments, data.Layout.Regions.Count, config.SequencesPerMicroBatch, device, cancellation);
        double nats = 0, tokens = 0;
        for (int r = 0; r < scores.Rows; r++)
            for (byte k = 1; k <= data.Layout.Regions.Count; k++)
                if (trained.Contains(k)) { nats += scores.Nats[r, k]; tokens += scores.Tokens[r, k]; }
        return tokens > 0 ? nats / tokens : double.NaN;
    }
}
