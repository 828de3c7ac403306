namespace ScalingLaws.Data.Images;

/// <summary>
/// An image source whose entropy is known: a Zipf-weighted mixture of prototype images with independent discrete noise
/// on every intensity. Draw a prototype k with probability π_k ∝ k^(-s), then add to each of its P intensities an
/// offset e from a symmetric binomial distribution on [-n/2, n/2] (the prototypes are squeezed into [n/2, 255 - n/2],
/// so nothing is clipped). Larger models memorise more of the long tail of prototypes; no model can beat the noise.
/// </summary>
/// <remarks>
/// The entropy of an image X (nats): an image and its prototype k determine the noise, so
/// H(X) = H(K) + P·H(e) − H(K | X), where H(K) = −Σ π_k ln π_k and H(e) are exact sums, and H(K | X) = E_x[−Σ_k
/// p(k | x) ln p(k | x)] with p(k | x) ∝ π_k Π_i q(x_i − p_{k,i}) is the information the noise destroys about which
/// prototype drew the image (zero when no two prototypes' noise boxes overlap). It is computed exactly for each sampled
/// image and averaged over many, which gives H(X) with a standard error; <see cref="Entropy"/> reports both.
/// </remarks>
public sealed class PrototypeMixture
{
    private readonly byte[][] prototypes;
    private readonly double[] weights, cumulative;
    private readonly BinomialNoise noise;
    private readonly int halfWidth;

    /// <param name="prototypes">Prototype images (P intensities each), already inside [n/2, 255 − n/2].</param>
    /// <param name="zipfExponent">s in π_k ∝ k^(−s).</param>
    /// <param name="noiseTrials">n of the binomial noise (even): offsets −n/2 … n/2.</param>
    public PrototypeMixture(IReadOnlyList<byte[]> prototypes, double zipfExponent, int noiseTrials)
    {
        if (prototypes.Count == 0) throw new ArgumentException("A mixture needs at least one prototype.");
        noise = new BinomialNoise(noiseTrials);
        halfWidth = noise.HalfWidth;
        int p = prototypes[0].Length;
        if (prototypes.Any(x => x.Length != p || x.Any(v => v < halfWidth || v > 255 - halfWidth)))
            throw new ArgumentException($"Every prototype must have {p} intensities inside [{halfWidth}, {255 - halfWidth}] (use BinomialNoise.Squeeze).");
        this.prototypes = prototypes.ToArray();
        var raw = Enumerable.Range(1, prototypes.Count).Select(k => Math.Pow(k, -zipfExponent)).ToArray();
        double total = raw.Sum();
        weights = raw.Select(w => w / total).ToArray();
        cumulative = Cumulative(weights);
    }

    /// <summary>Intensities per image (P).</summary>
    public int Length => prototypes[0].Length;

    /// <summary>Number of prototypes.</summary>
    public int Count => prototypes.Length;

    /// <summary>π_k, most probable first.</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>The prototypes, most probable first.</summary>
    public IReadOnlyList<byte[]> Prototypes => prototypes;

    /// <summary>H(K), nats: the entropy of the prototype draw.</summary>
    public double PrototypeEntropy => -weights.Sum(w => w * Math.Log(w));

    /// <summary>H(e), nats: the entropy of one intensity's noise.</summary>
    public double NoiseEntropy => noise.Entropy;

    /// <summary>Draws an image: (its prototype's index, its intensities).</summary>
    public (int Prototype, byte[] Pixels) Sample(Random rng)
    {
        int k = Draw(cumulative, rng);
        var pixels = new byte[Length];
        for (int i = 0; i < Length; i++) pixels[i] = (byte)(prototypes[k][i] + noise.Draw(rng));
        return (k, pixels);
    }

    /// <summary>ln p(x) and the entropy of the posterior over prototypes, −Σ_k p(k | x) ln p(k | x), both exact.</summary>
    public (double LogProbability, double PosteriorEntropy) Score(byte[] pixels)
    {
        // ln π_k + Σ_i ln q(x_i − p_{k,i}) for every prototype whose noise box holds x; log-sum-exp over them.
        var logJoint = new List<double>();
        for (int k = 0; k < prototypes.Length; k++)
        {
            double sum = Math.Log(weights[k]);
            var proto = prototypes[k];
            for (int i = 0; i < pixels.Length && sum > double.NegativeInfinity; i++)
                sum += noise.LogProbability(pixels[i] - proto[i]);
            if (sum > double.NegativeInfinity) logJoint.Add(sum);
        }
        if (logJoint.Count == 0) return (double.NegativeInfinity, 0);
        double max = logJoint.Max();
        double logP = max + Math.Log(logJoint.Sum(l => Math.Exp(l - max)));
        double posteriorEntropy = -logJoint.Select(l => l - logP).Sum(lp => Math.Exp(lp) * lp);
        return (logP, posteriorEntropy);
    }

    /// <summary>
    /// H(X) per image and per intensity from <paramref name="samples"/> draws: exact H(K) and P·H(e) less the
    /// Monte-Carlo mean of the exact posterior entropy H(K | X = x), with its standard error; and, as a check, the plain
    /// Monte-Carlo mean of −ln p(x).
    /// </summary>
    public MixtureEntropy Entropy(int samples, int seed)
    {
        var rng = new Random(seed);
        double sumPost = 0, sumPost2 = 0, sumNll = 0, sumNll2 = 0;
        for (int s = 0; s < samples; s++)
        {
            if (s % 1024 == 0) Execution.Interruption.ThrowIfRequested();
            var (_, x) = Sample(rng);
            var (logP, post) = Score(x);
            sumPost += post; sumPost2 += post * post;
            sumNll += -logP; sumNll2 += logP * logP;
        }
        double meanPost = sumPost / samples, meanNll = sumNll / samples;
        double sePost = Math.Sqrt(Math.Max(0, sumPost2 / samples - meanPost * meanPost) / Math.Max(1, samples - 1));
        double seNll = Math.Sqrt(Math.Max(0, sumNll2 / samples - meanNll * meanNll) / Math.Max(1, samples - 1));
        double perImage = PrototypeEntropy + Length * NoiseEntropy - meanPost;
        return new MixtureEntropy
        {
            PerImage = perImage,
            PerImageStandardError = sePost,
            PerToken = perImage / Length,
            PrototypeEntropy = PrototypeEntropy,
            NoiseEntropyPerToken = NoiseEntropy,
            PosteriorEntropy = meanPost,
            MonteCarloPerImage = meanNll,
            MonteCarloStandardError = seNll,
            Samples = samples,
        };
    }

    private static double[] Cumulative(double[] p)
    {
        var c = new double[p.Length];
        double s = 0;
        for (int i = 0; i < p.Length; i++) c[i] = s += p[i];
        c[^1] = 1;
        return c;
    }

    private static int Draw(double[] cumulative, Random rng)
    {
        int i = Array.BinarySearch(cumulative, rng.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}

/// <summary>The entropy of a <see cref="PrototypeMixture"/>, with how it was computed.</summary>
public sealed record MixtureEntropy
{
    /// <summary>H(X), nats per image: H(K) + P·H(e) − H(K | X).</summary>
    public required double PerImage { get; init; }

    /// <summary>Standard error of <see cref="PerImage"/> (from the Monte-Carlo mean of H(K | X = x)).</summary>
    public required double PerImageStandardError { get; init; }

    /// <summary>H(X) / P, nats per intensity (per token).</summary>
    public required double PerToken { get; init; }

    /// <summary>H(K), exact.</summary>
    public required double PrototypeEntropy { get; init; }

    /// <summary>H(e), exact.</summary>
    public required double NoiseEntropyPerToken { get; init; }

    /// <summary>The Monte-Carlo mean of H(K | X = x).</summary>
    public required double PosteriorEntropy { get; init; }

    /// <summary>The plain Monte-Carlo mean of −ln p(x) over the same images (a check: it agrees within its error).</summary>
    public required double MonteCarloPerImage { get; init; }

    /// <summary>Standard error of <see cref="MonteCarloPerImage"/>.</summary>
    public required double MonteCarloStandardError { get; init; }

    /// <summary>Images drawn.</summary>
    public required int Samples { get; init; }

    /// <summary>The 95% interval of H per token, relative half-width.</summary>
    public double RelativeHalfWidth95 => 1.96 * PerImageStandardError / PerImage;
}
