namespace ScalingLaws.Training;

/// <summary>Shape of the learning rate after warm-up.</summary>
public enum ScheduleKind
{
    /// <summary>Cosine from the peak to the floor (Kaplan et al. 2020; Chinchilla with the decay matched to the run).</summary>
    Cosine,
    /// <summary>The peak throughout (Porian et al. 2024's tuned baseline).</summary>
    Constant,
    /// <summary>Straight line from the peak to the floor (Henighan et al. 2020 decay to a tenth).</summary>
    Linear,
}

/// <summary>
/// Linear warm-up, then cosine, constant or linear decay to a floor. Lengths are given in steps or in tokens
/// (tokens win when both are set); a decay length left unset means "the whole run", which is what Porian et al. 2024
/// found matters for compute-optimal fits. The rate is a pure function of the step, so a resumed run needs only the step.
/// </summary>
/// <param name="Kind">Cosine, constant or linear.</param>
/// <param name="PeakLearningRate">The rate at the end of warm-up.</param>
/// <param name="FloorFraction">The final rate as a fraction of the peak (Kaplan: 0; Henighan: 0.1).</param>
/// <param name="WarmupSteps">Warm-up length in steps.</param>
/// <param name="WarmupTokens">Warm-up length in tokens (overrides <paramref name="WarmupSteps"/>).</param>
/// <param name="DecaySteps">Step at which the decay reaches the floor; null = the run's last step.</param>
/// <param name="DecayTokens">The same in tokens (overrides <paramref name="DecaySteps"/>).</param>
public sealed record LearningRateSchedule(
    ScheduleKind Kind = ScheduleKind.Cosine,
    double PeakLearningRate = 1e-3,
    double FloorFraction = 0.1,
    long WarmupSteps = 0,
    long? WarmupTokens = null,
    long? DecaySteps = null,
    long? DecayTokens = null)
{
    /// <summary>The learning rate for step <paramref name="step"/> (0-based) of a run of <paramref name="totalSteps"/> steps of <paramref name="tokensPerStep"/> tokens.</summary>
    public double At(long step, long tokensPerStep, long totalSteps)
    {
        long warmup = WarmupStepsFor(tokensPerStep);
        long decayEnd = DecayTokens is { } dt ? CeilDiv(dt, tokensPerStep) : DecaySteps ?? totalSteps;
        if (step < warmup) return PeakLearningRate * (step + 1) / warmup;
        double floor = PeakLearningRate * FloorFraction;
        double progress = decayEnd > warmup ? Math.Clamp((double)(step - warmup) / (decayEnd - warmup), 0, 1) : 1;
        return Kind switch
        {
            ScheduleKind.Constant => PeakLearningRate,
            ScheduleKind.Linear => PeakLearningRate - (PeakLearningRate - floor) * progress,
            _ => floor + (PeakLearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
        };
    }

    /// <summary>Throws naming the bad field.</summary>
    public LearningRateSchedule Validate()
    {
        if (!(PeakLearningRate > 0 && double.IsFinite(PeakLearningRate)))
            throw new ArgumentException($"schedule.peak_learning_rate must be a positive number, got {PeakLearningRate}.");
        if (FloorFraction is < 0 or > 1)
            throw new ArgumentException($"schedule.floor_fraction must lie in [0, 1], got {FloorFraction}.");
        if (WarmupSteps < 0 || WarmupTokens < 0 || DecaySteps <= 0 || DecayTokens <= 0)
            throw new ArgumentException("schedule lengths must be non-negative (warm-up) and positive (decay).");
        return this;
    }

    /// <summary>Warm-up length in optimiser steps of <paramref name="tokensPerStep"/> tokens (a token warm-up rounds up).</summary>
    public long WarmupStepsFor(long tokensPerStep) => WarmupTokens is { } wt ? CeilDiv(wt, tokensPerStep) : WarmupSteps;

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
