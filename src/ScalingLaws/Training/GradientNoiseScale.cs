namespace ScalingLaws.Training;

/// <summary>
/// The simple gradient noise scale B_simple = tr(Sigma) / |G|^2 (McCandlish et al. 2018, eq. 2.8), in tokens,
/// estimated from squared gradient norms measured at two batch sizes within each step (their appendix A):
/// |G|^2 ~ (B_big |G_big|^2 - B_small |G_small|^2) / (B_big - B_small) and
/// tr(Sigma) ~ (|G_small|^2 - |G_big|^2) / (1/B_small - 1/B_big). Both are unbiased but noisy, so each is smoothed
/// by its own exponential moving average (bias-corrected as in Adam) before the ratio is taken.
/// </summary>
public sealed class GradientNoiseScale
{
    private readonly double bSmall;
    private readonly double bBig;
    private readonly double decay;

    /// <summary>Batch sizes in tokens (small &lt; big) and the EMA decay per step.</summary>
    public GradientNoiseScale(double smallBatchTokens, double bigBatchTokens, double emaDecay = 0.95)
    {
        if (!(smallBatchTokens > 0 && bigBatchTokens > smallBatchTokens))
            throw new ArgumentException($"The noise scale needs 0 < small batch < big batch, got {smallBatchTokens} and {bigBatchTokens} tokens.");
        if (emaDecay is < 0 or >= 1)
            throw new ArgumentException($"emaDecay must lie in [0, 1), got {emaDecay}.");
        (bSmall, bBig, decay) = (smallBatchTokens, bigBatchTokens, emaDecay);
    }

    /// <summary>The smoothed estimates and how many updates went into them (checkpointed for exact resume).</summary>
    public NoiseScaleState State { get; private set; } = new(0, 0, 0);

    /// <summary>Current B_simple in tokens; null before the first update or while |G|^2 is not yet positive.</summary>
    public double? BSimple
    {
        get
        {
            if (State.Updates == 0) return null;
            double correction = 1 - Math.Pow(decay, State.Updates);
            double g2 = State.GradSquaredEma / correction, trace = State.TraceSigmaEma / correction;
            return g2 > 0 ? trace / g2 : null;
        }
    }

    /// <summary>
    /// Folds in one step's squared gradient norms at the small and the big batch size. The batch sizes default to the
    /// ones given at construction; with a loss mask, pass the step's actual trained-token counts.
    /// </summary>
    public void Update(double smallBatchGradNormSquared, double bigBatchGradNormSquared, double? smallBatchTokens = null, double? bigBatchTokens = null)
    {
        double bS = smallBatchTokens ?? bSmall, bB = bigBatchTokens ?? bBig;
        if (!(bS > 0 && bB > bS)) return;   // e.g. every trained token of the step fell in the first micro-batch
        double g2 = (bB * bigBatchGradNormSquared - bS * smallBatchGradNormSquared) / (bB - bS);
        double trace = (smallBatchGradNormSquared - bigBatchGradNormSquared) / (1 / bS - 1 / bB);
        if (!double.IsFinite(g2) || !double.IsFinite(trace)) return;
        State = new NoiseScaleState(
            decay * State.GradSquaredEma + (1 - decay) * g2,
            decay * State.TraceSigmaEma + (1 - decay) * trace,
            State.Updates + 1);
    }

    /// <summary>Restores the smoothed estimates from a checkpoint.</summary>
    public void Restore(NoiseScaleState state) => State = state;
}

/// <summary>EMA of |G|^2, EMA of tr(Sigma), and the number of updates (for bias correction).</summary>
public sealed record NoiseScaleState(double GradSquaredEma, double TraceSigmaEma, int Updates);
