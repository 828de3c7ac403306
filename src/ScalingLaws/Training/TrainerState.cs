using ScalingLaws.Models;

namespace ScalingLaws.Training;

/// <summary>
/// The trainer's own state besides weights and optimiser moments: enough, with them, to continue a run exactly.
/// The data position is <see cref="SequencesDrawn"/> (the sampler is counter-based) and the learning rate is a pure
/// function of <see cref="Step"/>.
/// </summary>
public sealed record TrainerState(
    GptConfig Model,
    long Seed,
    LearningRateSchedule Schedule,
    long TokensPerStep,
    long TotalSteps,
    long Step,
    long Tokens,
    long SequencesDrawn,
    NoiseScaleState Noise,
    IReadOnlyList<CurvePoint> Curve,
    double LossSumSincePoint,
    int StepsSincePoint,
    double? BestValLoss,
    int EvalsSinceBest,
    double ElapsedSeconds,
    string? RunIdentity = null,
    bool StoppedEarly = false)
{
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
