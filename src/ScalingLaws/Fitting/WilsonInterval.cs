namespace ScalingLaws.Fitting;

/// <summary>
/// The Wilson score interval for a proportion (Wilson 1927): unlike the normal approximation it stays inside [0, 1] and
/// behaves at 0 and at n successes, where accuracies of small models and hard test sets sit.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/> at <paramref name="level"/>.</summary>
    public static ConfidenceInterval Of(int successes, int trials, double level = 0.95)
    {
        if (trials <= 0 || successes < 0 || successes > trials)
            throw new ArgumentException($"A proportion needs 0 ≤ successes ≤ trials and trials > 0; got {successes} of {trials}.");
        double z = NormalQuantile(0.5 + level / 2), p = (double)successes / trials, z2n = z * z / trials;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.Sqrt(p * (1 - p) / trials + z2n / (4 * trials));
        return new ConfidenceInterval(Math.Max(0, centre - half), Math.Min(1, centre + half), level);
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    internal static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), $"A quantile needs 0 < p < 1; got {p}.");
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) return -NormalQuantile(1 - p);
        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
