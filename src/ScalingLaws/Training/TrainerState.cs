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
    double ElapsedSeconds)
{
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
    }
}
