using ScalingLaws.Data;
using ScalingLaws.Data.Captions;
using ScalingLaws.Fitting;
using ScalingLaws.Information;

namespace ScalingLaws.Experiments.Captions;

/// <summary>
/// One run on caption-image pairs, read for notebook 03: which part came first, how much of its training data was
/// blanked, and the mutual information its final evaluation measures (Henighan et al. 2020, section 4): the loss of the
/// second part with the first blanked minus with it present, per validation pair, paired.
/// </summary>
public sealed record PairRun
{
    /// <summary>The experiment's run.</summary>
    public required ExperimentRun Run { get; init; }

    /// <summary>Text first (text-to-image) or image first.</summary>
    public required PairOrder Order { get; init; }

    /// <summary>Share of training pairs whose first part was blanked.</summary>
    public required double BlankFraction { get; init; }

    /// <summary>The region whose loss measures the information: the image for text-to-image, the caption otherwise.</summary>
    public string ScoredRegion => Order == PairOrder.TextToImage ? "image" : "caption";

    /// <summary>N of the run's model.</summary>
    public double N => Run.N;

    /// <summary>Reads a run whose record keeps the pairs' provenance; throws naming the run otherwise.</summary>
    public static PairRun Of(ExperimentRun run)
    {
        var pairs = run.Result.Dataset?["pairs"] ?? throw new InvalidDataException($"Run {run.Id} did not train on caption-image pairs (its record has no pairs provenance).");
        return new PairRun
        {
            Run = run,
            Order = pairs["order"]!.GetValue<string>() == "image-to-text" ? PairOrder.ImageToText : PairOrder.TextToImage,
            BlankFraction = pairs["blank_fraction"]!.GetValue<double>(),
        };
    }

    /// <summary>
    /// I(caption; image) in nats per pair: the mean over validation pairs of L(scored | blank) − L(scored | real), with a
    /// bootstrap interval that resamples the pairs.
    /// </summary>
    public MutualInformation MutualInformation(BootstrapOptions options)
    {
        var final = Run.Result.FinalEvaluation ?? throw new InvalidDataException($"Run {Run.Id} has no final evaluation; train it with final_evaluation and final_eval_splits [\"val_blank\"].");
        var real = PerExample(final, "val");
        var blank = PerExample(final, "val_blank");
        return Information.MutualInformation.FromLosses(blank.Select(x => (double)x).ToArray(), real.Select(x => (double)x).ToArray(), paired: true, options);
    }

    /// <summary>
    /// L(text): the model's loss on the caption with nothing before it, nats per caption (text-to-image: the caption of
    /// the real pairs, which comes first; image-to-text: the caption after a blank image).
    /// </summary>
    public double CaptionLoss => Region(Order == PairOrder.TextToImage ? "val" : "val_blank", "caption").NatsPerExample;

    /// <summary>The mean number of words per validation caption (its tokens less the end-of-caption token).</summary>
    public double WordsPerCaption
    {
        get
        {
            var caption = Region("val", "caption");
            return (double)caption.Tokens / caption.Examples - 1;
        }
    }

    /// <summary>Loss of a region of a split, from the final evaluation.</summary>
    public Evaluation.RegionScore Region(string split, string region) =>
        Run.Result.FinalEvaluation?.GetValueOrDefault(split)?.Regions.GetValueOrDefault(region)
        ?? throw new InvalidDataException($"Run {Run.Id} has no final-evaluation score for region {region} of split {split}.");

    private float[] PerExample(IReadOnlyDictionary<string, Evaluation.SplitEvaluation> final, string split) =>
        final.GetValueOrDefault(split)?.PerExampleNats?.GetValueOrDefault(ScoredRegion)
        ?? throw new InvalidDataException($"Run {Run.Id} has no per-example losses of region {ScoredRegion} for split {split}; train it with final_eval_splits [\"val_blank\"].");
}
