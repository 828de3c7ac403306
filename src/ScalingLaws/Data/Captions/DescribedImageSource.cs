using ScalingLaws.Data.Images;

namespace ScalingLaws.Data.Captions;

/// <summary>
/// A finite generative process of images with descriptions: a scene s is drawn with probability p(s); its description
/// D = d(s) is what a caption names (the described attributes) and its clean render R = r(s) is an image; the image X is
/// R with independent binomial noise on every intensity. Scenes that render alike (a small circle and a small square,
/// or two scenes that differ only in an undescribed attribute the render hides) are merged into one render.
/// </summary>
/// <remarks>
/// The exact mutual information between the description and the image, nats (D – R – X is a Markov chain):
/// I(D; X) = H(D) − H(D | R) − E_x[H(D | X = x) − H(D | R = r(x))].
/// H(D) and H(D | R) = Σ_r p(r) H(D | R = r) are exact sums over the scenes. The last term is what the noise hides: it is
/// zero for every image whose noise box holds no other render, and exactly zero overall when no two colours of the
/// renders lie within the noise's reach (2 · n/2 on every channel), which <see cref="Information"/> checks first.
/// Otherwise it is averaged over sampled images, each computed exactly (a sum over every render: p(r | x) ∝ p(r)
/// Π_i q(x_i − r_i)), with its standard error; subtracting the exact H(D | R = r) of the image's own render is a
/// control variate, so the error comes from ambiguous images alone. Likewise H(X) = H(R) + P·H(e) − E_x[H(R | X = x)].
/// </remarks>
public sealed class DescribedImageSource
{
    private readonly double[] sceneCumulative;
    private readonly int[] sceneRender;
    private readonly byte[][] renders;
    private readonly double[] renderProbability;
    private readonly (int Description, double Probability)[][] renderDescriptions;
    private readonly double[] descriptionProbability;
    private readonly int[] checkOrder;
    private readonly int channels;

    /// <param name="scenes">Every scene: its probability (they sum to 1), its description's id (0 … count − 1) and its clean render.</param>
    /// <param name="noise">The noise added to every intensity (renders must lie inside [n/2, 255 − n/2]).</param>
    /// <param name="channels">Intensities per pixel (3 for RGB): a colour is one pixel's intensities.</param>
    public DescribedImageSource(IReadOnlyList<(double Probability, int Description, byte[] Render)> scenes, BinomialNoise noise, int channels)
    {
        if (scenes.Count == 0) throw new ArgumentException("A source needs at least one scene.");
        double total = scenes.Sum(s => s.Probability);
        if (Math.Abs(total - 1) > 1e-9) throw new ArgumentException($"Scene probabilities sum to {total}, not 1.");
        Length = scenes[0].Render.Length;
        if (Length % channels != 0 || scenes.Any(s => s.Render.Length != Length))
            throw new ArgumentException($"Every render must have the same number of intensities, a multiple of {channels} channels.");
        int h = noise.HalfWidth;
        if (scenes.Any(s => s.Render.Any(v => v < h || v > 255 - h)))
            throw new ArgumentException($"Every render's intensities must lie inside [{h}, {255 - h}] so that noise never clips (use BinomialNoise.Squeeze).");
        (Noise, this.channels) = (noise, channels);

        var index = new Dictionary<byte[], int>(ByteArrayComparer.Instance);
        var renderList = new List<byte[]>();
        var byRender = new List<Dictionary<int, double>>();
        sceneRender = new int[scenes.Count];
        sceneCumulative = new double[scenes.Count];
        Descriptions = scenes.Max(s => s.Description) + 1;
        descriptionProbability = new double[Descriptions];
        double cumulative = 0;
        for (int s = 0; s < scenes.Count; s++)
        {
            var (p, d, render) = scenes[s];
            if (d < 0) throw new ArgumentException($"Scene {s} has description {d}; ids start at 0.");
            if (!index.TryGetValue(render, out int r))
            {
                index[render] = r = renderList.Count;
                renderList.Add(render);
                byRender.Add([]);
            }
            sceneRender[s] = r;
            byRender[r][d] = byRender[r].GetValueOrDefault(d) + p;
            descriptionProbability[d] += p;
            sceneCumulative[s] = cumulative += p;
        }
        sceneCumulative[^1] = 1;
        renders = [.. renderList];
        renderProbability = byRender.Select(d => d.Values.Sum()).ToArray();
        renderDescriptions = byRender.Select((d, r) => d.Select(kv => (kv.Key, kv.Value / renderProbability[r])).ToArray()).ToArray();
        checkOrder = MostVariedFirst(renders, renderProbability);
    }

    /// <summary>Intensities per image (P).</summary>
    public int Length { get; }

    /// <summary>The noise on every intensity.</summary>
    public BinomialNoise Noise { get; }

    /// <summary>Number of descriptions.</summary>
    public int Descriptions { get; }

    /// <summary>Number of distinct clean renders.</summary>
    public int Renders => renders.Length;

    /// <summary>Draws a scene and its noisy image.</summary>
    public (int Scene, byte[] Pixels) Sample(Random rng)
    {
        int s = Array.BinarySearch(sceneCumulative, rng.NextDouble());
        s = Math.Min(s < 0 ? ~s : s, sceneCumulative.Length - 1);
        var render = renders[sceneRender[s]];
        var pixels = new byte[Length];
        for (int i = 0; i < Length; i++) pixels[i] = (byte)(render[i] + Noise.Draw(rng));
        return (s, pixels);
    }

    /// <summary>True when two distinct colours of the renders lie within 2 · n/2 of each other on every channel, so noise can make renders ambiguous.</summary>
    public bool NoiseCanConfuseRenders()
    {
        var colours = new HashSet<byte[]>(ByteArrayComparer.Instance);
        foreach (var render in renders)
            for (int i = 0; i < Length; i += channels) colours.Add(render[i..(i + channels)]);
        var list = colours.ToArray();
        int reach = 2 * Noise.HalfWidth;
        for (int a = 0; a < list.Length; a++)
            for (int b = a + 1; b < list.Length; b++)
                if (Enumerable.Range(0, channels).All(c => Math.Abs(list[a][c] - list[b][c]) <= reach)) return true;
        return false;
    }

    /// <summary>
    /// The exact I(D; X) and the entropies around it (see the remarks); the noise term is averaged over
    /// <paramref name="samples"/> images drawn with <paramref name="seed"/> only when noise can confuse renders.
    /// </summary>
    public DescribedImageInformation Information(int samples, int seed)
    {
        double hD = Entropy(descriptionProbability);
        double hR = Entropy(renderProbability);
        double hDgivenR = Enumerable.Range(0, renders.Length).Sum(r => renderProbability[r] * Entropy(renderDescriptions[r].Select(d => d.Probability)));
        double noiseEntropy = Length * Noise.Entropy;
        bool sampled = NoiseCanConfuseRenders();
        var correction = new RunningMean();
        var renderPosterior = new RunningMean();
        var difference = new RunningMean();
        if (sampled)
        {
            var rng = new Random(seed);
            for (int i = 0; i < samples; i++)
            {
                var (scene, x) = Sample(rng);
                var (hDgivenX, hRgivenX) = PosteriorEntropies(x);
                double c = hDgivenX - Entropy(renderDescriptions[sceneRender[scene]].Select(d => d.Probability));
                correction.Add(c);
                renderPosterior.Add(hRgivenX);
                difference.Add(hRgivenX - c);
            }
        }
        double mi = hD - hDgivenR - correction.Mean;
        double hX = hR + noiseEntropy - renderPosterior.Mean;
        return new DescribedImageInformation
        {
            MutualInformation = mi,
            StandardError = correction.StandardError,
            DescriptionEntropy = hD,
            DescriptionGivenRender = hDgivenR,
            NoiseCorrection = correction.Mean,
            RenderEntropy = hR,
            NoiseEntropy = noiseEntropy,
            RenderGivenImage = renderPosterior.Mean,
            ImageEntropy = hX,
            ImageEntropyStandardError = renderPosterior.StandardError,
            ImageGivenDescription = hX - mi,
            ImageGivenDescriptionStandardError = difference.StandardError,
            Renders = renders.Length,
            Samples = sampled ? samples : 0,
        };
    }

    /// <summary>H(D | X = x) and H(R | X = x), exact: sums over every render whose noise box holds x.</summary>
    public (double Description, double Render) PosteriorEntropies(byte[] x)
    {
        var (renderIds, logJoint) = Consistent(x);
        if (renderIds.Count == 0) throw new ArgumentException("The image lies outside the noise box of every render.");
        double max = logJoint.Max();
        var w = logJoint.Select(l => Math.Exp(l - max)).ToArray();
        double sum = w.Sum();
        var description = new Dictionary<int, double>();
        for (int k = 0; k < w.Length; k++)
        {
            w[k] /= sum;
            foreach (var (d, p) in renderDescriptions[renderIds[k]]) description[d] = description.GetValueOrDefault(d) + w[k] * p;
        }
        return (Entropy(description.Values), Entropy(w));
    }

    private (List<int> Renders, List<double> LogJoint) Consistent(byte[] x)
    {
        int h = Noise.HalfWidth;
        var ids = new List<int>();
        var logJoint = new List<double>();
        for (int r = 0; r < renders.Length; r++)
        {
            var render = renders[r];
            bool inside = true;
            foreach (int i in checkOrder)
                if (Math.Abs(x[i] - render[i]) > h) { inside = false; break; }
            if (!inside) continue;
            double sum = Math.Log(renderProbability[r]);
            for (int i = 0; i < Length; i++) sum += Noise.LogProbability(x[i] - render[i]);
            ids.Add(r);
            logJoint.Add(sum);
        }
        return (ids, logJoint);
    }

    // Rejecting a render takes one intensity that lies outside its noise box; testing the intensities that vary most
    // across renders first finds it in a few steps.
    private static int[] MostVariedFirst(byte[][] renders, double[] probability)
    {
        int length = renders[0].Length;
        var variance = new double[length];
        for (int i = 0; i < length; i++)
        {
            double mean = 0, square = 0;
            for (int r = 0; r < renders.Length; r++) { mean += probability[r] * renders[r][i]; square += probability[r] * renders[r][i] * renders[r][i]; }
            variance[i] = square - mean * mean;
        }
        return Enumerable.Range(0, length).OrderByDescending(i => variance[i]).ThenBy(i => i).ToArray();
    }

    private static double Entropy(IEnumerable<double> probabilities) => -probabilities.Where(p => p > 0).Sum(p => p * Math.Log(p));

    private sealed class RunningMean
    {
        private double sum, square;
        private long count;

        public void Add(double value) { sum += value; square += value * value; count++; }

        public double Mean => count == 0 ? 0 : sum / count;

        public double StandardError => count < 2 ? 0 : Math.Sqrt(Math.Max(0, square / count - Mean * Mean) / (count - 1));
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? a, byte[]? b) => a.AsSpan().SequenceEqual(b);

        public int GetHashCode(byte[] bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}

/// <summary>The exact information between descriptions and images of a <see cref="DescribedImageSource"/>, nats.</summary>
public sealed record DescribedImageInformation
{
    /// <summary>The formula, for meta.json.</summary>
    public const string Formula = "I(C; X) = I(D; X) = H(D) - H(D|R) - E_x[H(D|X=x) - H(D|R=r(x))]: D the described attributes (a function of the caption C), R the clean render, X the noisy image; H(D) and H(D|R) exact sums over every scene, the noise term exactly zero when no two colours lie within the noise's reach, else the mean over sampled images of exact posterior sums over every render";

    /// <summary>I(D; X) = I(C; X), nats per pair.</summary>
    public required double MutualInformation { get; init; }

    /// <summary>Standard error of <see cref="MutualInformation"/> (0 when it is an exact sum).</summary>
    public required double StandardError { get; init; }

    /// <summary>H(D): what a caption could say.</summary>
    public required double DescriptionEntropy { get; init; }

    /// <summary>H(D | R): what the clean render cannot tell (shapes that render alike).</summary>
    public required double DescriptionGivenRender { get; init; }

    /// <summary>E_x[H(D | X = x) − H(D | R = r(x))]: what the noise hides on top.</summary>
    public required double NoiseCorrection { get; init; }

    /// <summary>H(R), exact.</summary>
    public required double RenderEntropy { get; init; }

    /// <summary>P·H(e): the noise's entropy per image, exact.</summary>
    public required double NoiseEntropy { get; init; }

    /// <summary>E_x[H(R | X = x)]: the renders the noise confuses.</summary>
    public required double RenderGivenImage { get; init; }

    /// <summary>H(X) = H(R) + P·H(e) − E_x[H(R | X = x)], nats per image.</summary>
    public required double ImageEntropy { get; init; }

    /// <summary>Standard error of <see cref="ImageEntropy"/>.</summary>
    public required double ImageEntropyStandardError { get; init; }

    /// <summary>H(X | D) = H(X | C) = H(X) − I: what a caption leaves open about its image.</summary>
    public required double ImageGivenDescription { get; init; }

    /// <summary>Standard error of <see cref="ImageGivenDescription"/>.</summary>
    public required double ImageGivenDescriptionStandardError { get; init; }

    /// <summary>Distinct clean renders.</summary>
    public required int Renders { get; init; }

    /// <summary>Images sampled for the noise terms (0: they are exactly zero).</summary>
    public required int Samples { get; init; }
}
