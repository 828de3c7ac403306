using ScalingLaws.Fitting;

namespace ScalingLaws.Information;

/// <summary>
/// Mutual information I(X;Y) = L(X) - L(X|Y) (Henighan et al. 2020, section 4): the loss on X without the
/// conditioning input (e.g. with a blank caption) minus the loss with it, with a bootstrap interval; and
/// the infogain I / L(X).
/// </summary>
/// <param name="Nats">The estimate of I (in the units of the losses given, e.g. nats per image).</param>
/// <param name="Interval">Bootstrap percentile interval of I.</param>
/// <param name="UnconditionalLoss">L(X), the estimate of the loss without Y.</param>
public sealed record MutualInformation(double Nats, ConfidenceInterval Interval, double UnconditionalLoss)
{
    /// <summary>Infogain I / L(X), in [0, 1]: the share of X's loss that Y explains.</summary>
    public double Infogain => Nats / UnconditionalLoss;

    /// <summary>
    /// From losses without Y and with Y: per held-out example (each image scored with a blank and with its real
    /// caption) or per run. With <paramref name="paired"/> (the same examples or runs scored both ways, equal counts) the
    /// bootstrap resamples them as pairs; otherwise each set independently.
    /// </summary>
    public static MutualInformation FromLosses(IReadOnlyList<double> lossWithoutY, IReadOnlyList<double> lossWithY, bool paired = true, BootstrapOptions? options = null)
    {
        if (lossWithoutY.Count == 0 || lossWithY.Count == 0) throw new ArgumentException("Give at least one loss with and one without the conditioning input.");
        if (paired && lossWithoutY.Count != lossWithY.Count)
            throw new ArgumentException($"Paired runs need equal counts; got {lossWithoutY.Count} losses without Y and {lossWithY.Count} with. Pass paired: false for separate sets of runs.");
        var (estimate, interval) = Bootstrap.MeanDifference(lossWithoutY, lossWithY, paired, options);
        return new MutualInformation(estimate, interval, lossWithoutY.Average());
    }

    /// <summary>
    /// From two fitted laws of model size (or compute), one on losses without Y and one with Y, at
    /// <paramref name="x"/>; the interval pairs the r-th resample of each bootstrap.
    /// </summary>
    public static MutualInformation FromFits(FitResult withoutY, BootstrapResult withoutYBootstrap, FitResult withY, BootstrapResult withYBootstrap, double x, double x2 = double.NaN)
    {
        int count = Math.Min(withoutYBootstrap.Samples.Count, withYBootstrap.Samples.Count);
        var samples = Enumerable.Range(0, count)
            .Where(r => !double.IsNaN(withoutYBootstrap.Samples[r][0]) && !double.IsNaN(withYBootstrap.Samples[r][0]))
            .Select(r => withoutY.Law.Evaluate(withoutYBootstrap.Samples[r], x, x2) - withY.Law.Evaluate(withYBootstrap.Samples[r], x, x2));
        double without = withoutY.Predict(x, x2);
        return new MutualInformation(without - withY.Predict(x, x2),
            ConfidenceInterval.Percentile(samples, Math.Min(withoutYBootstrap.ConfidenceLevel, withYBootstrap.ConfidenceLevel)), without);
    }

    /// <summary>
    /// "Is a picture worth a thousand words?": I divided by the entropy per word of the text (Henighan et al.
    /// 2020: about 8 nats / 3.4 nats per word, so a 32x32 image is worth 2-3 words). Same units for both.
    /// </summary>
    public WordsWorth InWords(double entropyPerWord)
    {
        if (!(entropyPerWord > 0)) throw new ArgumentOutOfRangeException(nameof(entropyPerWord), $"Entropy per word is {entropyPerWord}; it must be positive.");
        return new WordsWorth(Nats / entropyPerWord, new ConfidenceInterval(Interval.Lower / entropyPerWord, Interval.Upper / entropyPerWord, Interval.Level));
    }
}
