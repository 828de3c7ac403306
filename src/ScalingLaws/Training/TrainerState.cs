using ScalingLaws.Models;

namespace ScalingLaws.Training;

/// <summary>
/// The trainer's own state besides weights and optimiser moments: enough, with them, to continue a run exactly.
/// The data position is <see cref="SequencesDrawn"/> (the sampler is counter-based) and the learning rate is a pure
/// function of <see cref="Step"/>.
/// </summary>
public sealed record TrainerState
{
    /// <summary>The model shape (a checkpoint for another shape is refused).</summary>
    public required GptConfig Model { get; init; }

    /// <summary>The run's seed.</summary>
    public required long Seed { get; init; }

    /// <summary>The learning-rate schedule.</summary>
    public required LearningRateSchedule Schedule { get; init; }

    /// <summary>Tokens per optimiser step.</summary>
    public required long TokensPerStep { get; init; }

    /// <summary>The run's length in steps.</summary>
    public required long TotalSteps { get; init; }

    /// <summary>Steps done.</summary>
    public required long Step { get; init; }

    /// <summary>Tokens trained on.</summary>
    public required long Tokens { get; init; }

    /// <summary>The sampler's position (<see cref="Data.IBatchSampler.Position"/>): sequences or examples served.</summary>
    public required long SequencesDrawn { get; init; }

    /// <summary>The noise-scale estimator's state.</summary>
    public required NoiseScaleState Noise { get; init; }

    /// <summary>The learning curve so far.</summary>
    public required IReadOnlyList<CurvePoint> Curve { get; init; }

    /// <summary>Summed training loss of the steps since the last curve point.</summary>
    public required double LossSumSincePoint { get; init; }

    /// <summary>Steps since the last curve point.</summary>
    public required int StepsSincePoint { get; init; }

    /// <summary>The early-stopping reference (moves only on an improvement of min_delta).</summary>
    public double? BestValLoss { get; init; }

    /// <summary>Evaluations since the reference last moved.</summary>
    public required int EvalsSinceBest { get; init; }

    /// <summary>Training wall time so far.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>See <see cref="IdentityOf"/>; null in checkpoints from before it existed.</summary>
    public string? RunIdentity { get; init; }

    /// <summary>Whether the run stopped early (so running it again returns its result instead of training on).</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>
    /// A hash of every config field that changes what the run computes (not where it writes, how often it reports, the
    /// device or the dataset's location): two configs with the same identity continue each other's checkpoints.
    /// </summary>
    public static string IdentityOf(TrainConfig config)
    {
        var relevant = config with
        {
            Data = "",
            CheckpointDir = null,
            CheckpointIntervalSeconds = 1,
            CheckpointEverySteps = 0,
            Resume = true,
            ResumeFrom = null,
            Device = "",
            Threads = 0,
            ProgressIntervalSeconds = 1,
            // What is scored or generated after training does not change the training itself.
            FinalEvaluation = false,
            FinalEvalExamples = null,
            FinalEvalSplits = null,
            Samples = null,
        };
        string json = System.Text.Json.JsonSerializer.Serialize(relevant, RunJson.Options);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// Throws when <paramref name="config"/> describes another run than the one this state came from (the schedule,
    /// batch, length or seed changed): continuing would not reproduce either run.
    /// </summary>
    public void RequireSameRun(TrainConfig config, string source)
    {
        if (Seed != config.Seed || Schedule != config.EffectiveSchedule || TokensPerStep != config.TokensPerStep || TotalSteps != config.TotalSteps)
            throw new ArgumentException(
                $"{source} belongs to another run (seed {Seed}, {TokensPerStep} tokens/step, {TotalSteps} steps, {Schedule}); this config has " +
                $"seed {config.Seed}, {config.TokensPerStep} tokens/step, {config.TotalSteps} steps, {config.EffectiveSchedule}. " +
                "Use a new checkpoint_dir for a different run, or restore the original settings to resume it.");
        if (RunIdentity is not null && RunIdentity != IdentityOf(config))
            throw new ArgumentException(
                $"{source} belongs to a run with other settings (optimiser, data size, micro-batch, evaluation or model options differ). " +
                "Use a new checkpoint_dir for a different run, or restore the original settings to resume it.");
    }
}
