using System.Text.Json.Serialization;
using ScalingLaws.Models;

namespace ScalingLaws.Training;

/// <summary>
/// Everything one training run needs (nanoGPT's train.py globals as an immutable record). Serialises to the
/// snake_case JSON that <c>scaling train --config</c> reads and the run's result record stores.
/// </summary>
/// <param name="Model">The model shape.</param>
/// <param name="Data">Dataset folder (train.bin, val.bin, meta.json).</param>
/// <param name="Seed">Seeds the model init and the data order.</param>
/// <param name="BatchSequences">Sequences per optimiser step (ignored when <paramref name="BatchTokens"/> is set).</param>
/// <param name="BatchTokens">Tokens per optimiser step; must be a multiple of n_ctx.</param>
/// <param name="MicroBatchSequences">Sequences per forward/backward (gradient accumulation); null = the whole batch.
/// The gradient noise scale needs at least two micro-batches per step.</param>
/// <param name="MaxSteps">Run length in optimiser steps (ignored when <paramref name="MaxTokens"/> is set).</param>
/// <param name="MaxTokens">Run length in training tokens (rounded up to whole steps).</param>
/// <param name="Schedule">Learning-rate warm-up and decay.</param>
/// <param name="Beta1">AdamW beta1.</param>
/// <param name="Beta2">AdamW beta2 (Porian et al. 2024: 0.99 to 0.999 at small batch).</param>
/// <param name="Eps">AdamW epsilon.</param>
/// <param name="WeightDecay">Decoupled weight decay on matrices.</param>
/// <param name="DecayEmbeddings">Also decay the embedding tables.</param>
/// <param name="GradClip">Clip the global gradient norm to this; 0 = no clipping.</param>
/// <param name="EvalEverySteps">Evaluate on held-out data every this many steps (0 = only log-spaced and final).</param>
/// <param name="EvalPointsPerDecade">Additional evaluations at log-spaced steps, this many per decade (0 = none).</param>
/// <param name="EvalSequences">Held-out windows per evaluation.</param>
/// <param name="EarlyStoppingPatience">Stop after this many evaluations without improving the best held-out loss (0 = never).</param>
/// <param name="EarlyStoppingMinDelta">The improvement (nats/token) that counts.</param>
/// <param name="MeasureNoiseScale">Estimate the gradient noise scale B_simple each step.</param>
/// <param name="NoiseScaleEmaDecay">EMA decay for the noise-scale estimates.</param>
/// <param name="CheckpointDir">Folder for checkpoints; null = no checkpoints and no resume.</param>
/// <param name="CheckpointIntervalSeconds">Write a checkpoint when this much time has passed since the last one.</param>
/// <param name="CheckpointEverySteps">Also write one every this many steps (0 = only by time and at the end).</param>
/// <param name="Resume">Continue from the newest good checkpoint in <paramref name="CheckpointDir"/> when there is one.</param>
/// <param name="ResumeFrom">Resume from exactly this checkpoint file (an error if it is missing or corrupt).</param>
/// <param name="Device">auto, cpu, cuda or cuda:N.</param>
/// <param name="Threads">Torch intra-op threads; 0 = all cores. Keep it fixed for bit-reproducible CPU runs.</param>
/// <param name="ProgressIntervalSeconds">Seconds between progress reports.</param>
/// <param name="DatasetTokens">Train on only the first D tokens of train.bin (Kaplan's dataset size D; the prepared
/// corpus is in shuffled document order, so prefixes are nested random subsets); null = all of it.</param>
/// <param name="ExtraEvalSplits">Other splits of the dataset folder (NAME.bin, e.g. "transfer", "extrapolate") evaluated
/// at every evaluation beside val.bin: transfer to another distribution, test sets along the learning curve.</param>
/// <param name="TrainRegions">The regions of the data trained on (e.g. ["image"], ["answer"]); null = every region.
/// The others are context only: fed in, never predicted.</param>
/// <param name="FinalEvaluation">After training, score val, the extra splits and <paramref name="FinalEvalSplits"/> in
/// full: running text over every window of each split, whole examples one per row, per region, per subset and per
/// example, into the record's final_evaluation.</param>
/// <param name="FinalEvalExamples">Cap on the examples (or windows) of each split the final evaluation scores, spread
/// evenly over the split; null = all.</param>
/// <param name="FinalEvalSplits">Splits scored only by the final evaluation (e.g. "val_blank": captions blanked).</param>
/// <param name="Samples">Completions the trained model writes into the record (images from their start token or a
/// caption, answers to questions).</param>
public sealed record TrainConfig(
    GptConfig Model,
    string Data,
    long Seed = 0,
    int BatchSequences = 32,
    long? BatchTokens = null,
    int? MicroBatchSequences = null,
    long MaxSteps = 1000,
    long? MaxTokens = null,
    LearningRateSchedule? Schedule = null,
    double Beta1 = 0.9,
    double Beta2 = 0.99,
    double Eps = 1e-8,
    double WeightDecay = 0.1,
    bool DecayEmbeddings = false,
    double GradClip = 1.0,
    int EvalEverySteps = 100,
    int EvalPointsPerDecade = 5,
    int EvalSequences = 64,
    int EarlyStoppingPatience = 0,
    double EarlyStoppingMinDelta = 0.0,
    bool MeasureNoiseScale = true,
    double NoiseScaleEmaDecay = 0.95,
    string? CheckpointDir = null,
    double CheckpointIntervalSeconds = 300,
    int CheckpointEverySteps = 0,
    bool Resume = true,
    string? ResumeFrom = null,
    string Device = "auto",
    int Threads = 0,
    double ProgressIntervalSeconds = 2,
    long? DatasetTokens = null,
    IReadOnlyList<string>? ExtraEvalSplits = null,
    IReadOnlyList<string>? TrainRegions = null,
    bool FinalEvaluation = false,
    int? FinalEvalExamples = null,
    IReadOnlyList<string>? FinalEvalSplits = null,
    IReadOnlyList<Evaluation.SampleRequest>? Samples = null)
{
    /// <summary>The learning-rate schedule in force (the default one when none was given).</summary>
    [JsonIgnore]
    public LearningRateSchedule EffectiveSchedule => Schedule ?? new LearningRateSchedule();

    /// <summary>Sequences per optimiser step, from <see cref="BatchTokens"/> when set.</summary>
    [JsonIgnore]
    public int SequencesPerStep => BatchTokens is { } t ? (int)(t / Model.NCtx) : BatchSequences;

    /// <summary>Tokens per optimiser step (B in tokens).</summary>
    [JsonIgnore]
    public long TokensPerStep => (long)SequencesPerStep * Model.NCtx;

    /// <summary>Sequences per forward/backward pass.</summary>
    [JsonIgnore]
    public int SequencesPerMicroBatch => MicroBatchSequences ?? SequencesPerStep;

    /// <summary>The noise scale compares gradients at two batch sizes, so a step needs at least two micro-batches.</summary>
    [JsonIgnore]
    public bool NoiseScaleMeasurable => SequencesPerStep / SequencesPerMicroBatch >= 2;

    /// <summary>Total optimiser steps of the run.</summary>
    [JsonIgnore]
    public long TotalSteps => MaxTokens is { } t ? (t + TokensPerStep - 1) / TokensPerStep : MaxSteps;

    /// <summary>Intra-op threads actually used.</summary>
    [JsonIgnore]
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field and the fix.</summary>
    public TrainConfig Validate()
    {
        if (Model is null) throw new ArgumentException("model is missing: give n_layer, d_model, n_head, n_ctx and vocab_size.");
        Model.Validate();
        if (string.IsNullOrWhiteSpace(Data)) throw new ArgumentException("data is missing: give the dataset folder (train.bin, val.bin, meta.json).");
        if (BatchTokens is { } bt && (bt <= 0 || bt % Model.NCtx != 0))
            throw new ArgumentException($"batch_tokens ({bt}) must be a positive multiple of n_ctx ({Model.NCtx}); try {Math.Max(1, bt / Model.NCtx) * Model.NCtx}.");
        Positive(SequencesPerStep, "batch_sequences");
        if (MicroBatchSequences is { } mb && (mb <= 0 || SequencesPerStep % mb != 0))
            throw new ArgumentException($"micro_batch_sequences ({mb}) must be positive and divide the batch ({SequencesPerStep} sequences).");
        if (MaxTokens is { } mt) Positive(mt, "max_tokens"); else Positive(MaxSteps, "max_steps");
        EffectiveSchedule.Validate();
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1) throw new ArgumentException($"beta1 and beta2 must lie in [0, 1), got {Beta1} and {Beta2}.");
        if (Eps <= 0) throw new ArgumentException($"eps must be positive, got {Eps}.");
        if (WeightDecay < 0 || GradClip < 0) throw new ArgumentException("weight_decay and grad_clip must be non-negative (0 turns them off).");
        if (EvalEverySteps < 0 || EvalPointsPerDecade < 0 || EarlyStoppingPatience < 0 || CheckpointEverySteps < 0 || Threads < 0)
            throw new ArgumentException("eval_every_steps, eval_points_per_decade, early_stopping_patience, checkpoint_every_steps and threads must be non-negative.");
        Positive(EvalSequences, "eval_sequences");
        if (DatasetTokens is { } d) Positive(d, "dataset_tokens");
        if (ExtraEvalSplits?.FirstOrDefault(BadSplitName) is { } bad)
            throw new ArgumentException($"extra_eval_splits: '{bad}' is not a valid extra split; name files of the dataset folder other than train and val, e.g. [\"transfer\"].");
        if (FinalEvalSplits?.FirstOrDefault(BadSplitName) is { } badFinal)
            throw new ArgumentException($"final_eval_splits: '{badFinal}' is not a valid split; name files of the dataset folder other than train and val, e.g. [\"val_blank\"].");
        if (TrainRegions is { Count: 0 }) throw new ArgumentException("train_regions is empty: name at least one region to train on, or leave it out to train on all.");
        if (FinalEvalExamples is { } fe) Positive(fe, "final_eval_examples");
        foreach (var sample in Samples ?? []) sample.Validate();
        if (NoiseScaleEmaDecay is < 0 or >= 1) throw new ArgumentException($"noise_scale_ema_decay must lie in [0, 1), got {NoiseScaleEmaDecay}.");
        if (CheckpointIntervalSeconds <= 0) throw new ArgumentException($"checkpoint_interval_seconds must be positive, got {CheckpointIntervalSeconds}.");
        return this;
    }

    private static bool BadSplitName(string s) => string.IsNullOrWhiteSpace(s) || s.Contains('/') || s.Contains('\\') || s.Contains('.') || s is "train" or "val";

    private static void Positive(long value, string name)
    {
        if (value <= 0) throw new ArgumentException($"{name} must be positive, got {value}.");
    }
}
