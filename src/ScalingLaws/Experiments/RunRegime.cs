using ScalingLaws.Training;

namespace ScalingLaws.Experiments;

/// <summary>
/// Which regime a run was in when it stopped, so a law is only read where it applies: an L(N) point should come from a
/// model trained until its held-out loss stopped improving (converged or early-stopped), not from one cut short.
/// Two different checks: steps (was the loss still falling at the end?) and data (how many passes over the
/// training split did it take, so is it limited by data rather than size?).
/// </summary>
public sealed record RunRegime
{
    /// <summary>Optimiser steps run.</summary>
    public required long Steps { get; init; }

    /// <summary>Tokens trained on.</summary>
    public required long Tokens { get; init; }

    /// <summary>Tokens trained on divided by the training split's tokens (or by the tokens the run could draw from).</summary>
    public required double Passes { get; init; }

    /// <summary>Whether early stopping ended the run (its held-out loss stopped improving).</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>
    /// How much the held-out loss still fell over the last fifth of the run's tokens, relative to the loss: the
    /// best loss up to 80% of the run minus the best loss at its end, divided by the latter.
    /// </summary>
    public required double LateImprovement { get; init; }

    /// <summary>Converged for L(N): early-stopped, or improving by less than <see cref="Tolerance"/> over its last fifth.</summary>
    public bool Converged => StoppedEarly || LateImprovement < Tolerance;

    /// <summary>Relative improvement over the last fifth of a run below which it counts as converged (0.5%).</summary>
    public const double Tolerance = 0.005;

    /// <summary>A short description for tables: "early-stopped", "converged", or "still improving 1.2%".</summary>
    public string Label => StoppedEarly ? "early-stopped" : LateImprovement < Tolerance ? "converged" : $"still improving {LateImprovement:P1}";

    /// <summary>The regime of <paramref name="result"/>, whose run could draw from <paramref name="trainTokens"/> tokens.</summary>
    public static RunRegime Of(RunResult result, long trainTokens)
    {
        var curve = result.LearningCurve.Where(p => double.IsFinite(p.ValLoss)).ToArray();
        double late = 0;
        if (curve.Length >= 2)
        {
            double cut = 0.8 * curve[^1].Tokens;
            var before = curve.Where(p => p.Tokens <= cut).ToArray();
            if (before.Length > 0)
            {
                double bestBefore = before.Min(p => p.ValLoss), bestEnd = curve.Min(p => p.ValLoss);
                late = Math.Max(0, (bestBefore - bestEnd) / bestEnd);
            }
        }
        return new RunRegime
        {
            Steps = result.Steps,
            Tokens = result.Tokens,
            Passes = trainTokens > 0 ? (double)result.Tokens / trainTokens : double.NaN,
            StoppedEarly = result.Status == RunStatus.EarlyStopped,
            LateImprovement = late,
        };
    }
}
