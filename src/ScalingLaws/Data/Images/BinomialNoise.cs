namespace ScalingLaws.Data.Images;

/// <summary>
/// Known discrete noise on an intensity: an offset e from a symmetric binomial distribution on [−n/2, n/2]
/// (Binomial(n, 1/2) − n/2, n even). Its entropy is an exact sum, so sources built on it have exact entropies.
/// </summary>
public sealed class BinomialNoise
{
    private readonly double[] probability, logProbability, cumulative;

    /// <param name="trials">n, even: offsets −n/2 … n/2.</param>
    public BinomialNoise(int trials)
    {
        if (trials < 0 || trials % 2 != 0) throw new ArgumentException($"noise must be an even number of binomial trials, got {trials}.");
        Trials = trials;
        probability = Enumerable.Range(0, trials + 1).Select(j => Math.Exp(LogChoose(trials, j) - trials * Math.Log(2))).ToArray();
        logProbability = probability.Select(q => Math.Log(q)).ToArray();
        cumulative = new double[probability.Length];
        double sum = 0;
        for (int j = 0; j < probability.Length; j++) cumulative[j] = sum += probability[j];
        cumulative[^1] = 1;
    }

    /// <summary>n, the number of trials.</summary>
    public int Trials { get; }

    /// <summary>n/2: the largest offset either way.</summary>
    public int HalfWidth => Trials / 2;

    /// <summary>H(e), nats: the entropy of one intensity's noise.</summary>
    public double Entropy => -probability.Where(q => q > 0).Sum(q => q * Math.Log(q));

    /// <summary>q(e), the probability of offset <paramref name="offset"/> (0 outside [−n/2, n/2]).</summary>
    public double Probability(int offset) => offset < -HalfWidth || offset > HalfWidth ? 0 : probability[offset + HalfWidth];

    /// <summary>ln q(e) (−∞ outside [−n/2, n/2]).</summary>
    public double LogProbability(int offset) => offset < -HalfWidth || offset > HalfWidth ? double.NegativeInfinity : logProbability[offset + HalfWidth];

    /// <summary>Draws an offset in [−n/2, n/2].</summary>
    public int Draw(Random rng)
    {
        int i = Array.BinarySearch(cumulative, rng.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1) - HalfWidth;
    }

    /// <summary>
    /// Maps intensities 0-255 linearly into [n/2, 255 − n/2], rounded, so that no noisy intensity leaves 0-255.
    /// </summary>
    public static byte[] Squeeze(byte[] image, int trials)
    {
        int h = trials / 2;
        return image.Select(v => (byte)Math.Round(h + v * (255.0 - 2 * h) / 255.0)).ToArray();
    }

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n) => Enumerable.Range(2, Math.Max(0, n - 1)).Sum(i => Math.Log(i));
}
