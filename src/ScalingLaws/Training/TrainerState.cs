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
    long Step,
    long Tokens,
    long SequencesDrawn,
    NoiseScaleState Noise,
    IReadOnlyList<CurvePoint> Curve,
    double LossSumSincePoint,
    int StepsSincePoint,
    double? BestValLoss,
    int EvalsSinceBest,
    double ElapsedSeconds);
