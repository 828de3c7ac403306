namespace ScalingLaws.Information;

/// <summary>
/// Bounds on the mutual information between a label Y (K classes) and an input X from a classifier's error: Fano's
/// inequality, H(Y | X) ≤ h(P_e) + P_e ln(K − 1) for any guess of Y from X with error P_e, gives
/// I(Y; X) = H(Y) − H(Y | X) ≥ H(Y) − h(P_e) − P_e ln(K − 1); and I(Y; X) ≤ H(Y). A better classifier gives a tighter
/// lower bound. Nats throughout.
/// </summary>
public static class FanoBound
{
    /// <summary>The lower bound H(Y) − h(P_e) − P_e ln(K − 1), never below 0.</summary>
    /// <param name="labelEntropy">H(Y), nats.</param>
    /// <param name="errorRate">P_e, the classifier's error rate.</param>
    /// <param name="classes">K.</param>
    public static double LowerBound(double labelEntropy, double errorRate, int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), $"classes is {classes}; Fano's bound needs at least 2.");
        if (!(errorRate >= 0 && errorRate <= 1)) throw new ArgumentOutOfRangeException(nameof(errorRate), $"errorRate is {errorRate}; it must lie in [0, 1].");
        return Math.Max(0, labelEntropy - BinaryEntropy(errorRate) - errorRate * Math.Log(classes - 1));
    }

    /// <summary>h(p) = −p ln p − (1 − p) ln(1 − p), nats.</summary>
    public static double BinaryEntropy(double p) => (p > 0 ? -p * Math.Log(p) : 0) + (p < 1 ? -(1 - p) * Math.Log(1 - p) : 0);

    /// <summary>The empirical entropy of a list of labels, nats.</summary>
    public static double LabelEntropy(IEnumerable<int> labels)
    {
        var counts = labels.GroupBy(l => l).Select(g => (double)g.Count()).ToArray();
        double n = counts.Sum();
        return -counts.Sum(c => c / n * Math.Log(c / n));
    }

    /// <summary>
    /// The upper end of the Wilson score interval of an error rate (<paramref name="errors"/> of <paramref name="trials"/>)
    /// at normal quantile <paramref name="z"/> (1.96: 95%): a measured error is itself an estimate, and the bound at
    /// this error is the conservative one.
    /// </summary>
    public static double WilsonUpper(int errors, int trials, double z = 1.96)
    {
        if (trials <= 0 || errors < 0 || errors > trials) throw new ArgumentOutOfRangeException(nameof(errors), $"{errors} errors of {trials} trials is not a rate.");
        double p = (double)errors / trials, z2 = z * z;
        double centre = p + z2 / (2 * trials);
        double spread = z * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        return Math.Min(1, (centre + spread) / (1 + z2 / trials));
    }
}
