using ScalingLaws.Data.Images;

namespace ScalingLaws.Tests.Data.Images;

public class PrototypeMixtureTests
{
    // Three prototypes of two intensities whose noise boxes overlap (10 and 11 differ by less than the noise), so the
    // posterior term H(K | X) is not zero and the formula is tested in full.
    private static readonly PrototypeMixture Tiny = new([[10, 20], [11, 20], [30, 40]], zipfExponent: 1.0, noiseTrials: 4);

    private static IEnumerable<byte[]> Support()
    {
        for (int a = 0; a < 256; a++)
            for (int b = 0; b < 256; b++)
                yield return [(byte)a, (byte)b];
    }

    [Fact]
    public void Probabilities_sum_to_one_over_every_image()
    {
        double total = Support().Select(x => Tiny.Score(x).LogProbability).Where(double.IsFinite).Sum(Math.Exp);
        Assert.Equal(1.0, total, 12);
    }

    [Fact]
    public void The_entropy_formula_equals_brute_force_enumeration()
    {
        // H(X) = -Σ_x p(x) ln p(x) over all 65,536 images, against H(K) + P H(e) - E[H(K | X)] with the posterior
        // entropy averaged exactly over the same enumeration.
        double bruteForce = 0, posterior = 0;
        foreach (var x in Support())
        {
            var (logP, post) = Tiny.Score(x);
            if (!double.IsFinite(logP)) continue;
            double p = Math.Exp(logP);
            bruteForce -= p * logP;
            posterior += p * post;
        }
        Assert.True(posterior > 0.1, "the test mixture should have overlapping prototypes");
        double formula = Tiny.PrototypeEntropy + 2 * Tiny.NoiseEntropy - posterior;
        Assert.Equal(bruteForce, formula, 10);

        // The sampled estimate lands within its own interval of the truth.
        var estimate = Tiny.Entropy(samples: 20_000, seed: 1);
        Assert.InRange(bruteForce, estimate.PerImage - 4 * estimate.PerImageStandardError, estimate.PerImage + 4 * estimate.PerImageStandardError);
        Assert.InRange(bruteForce, estimate.MonteCarloPerImage - 4 * estimate.MonteCarloStandardError, estimate.MonteCarloPerImage + 4 * estimate.MonteCarloStandardError);
    }

    [Fact]
    public void Binomial_noise_has_its_textbook_entropy_and_zipf_weights_decrease()
    {
        // Binomial(4, 1/2): probabilities 1, 4, 6, 4, 1 over 16.
        double expected = -new[] { 1, 4, 6, 4, 1 }.Select(c => c / 16.0).Sum(q => q * Math.Log(q));
        Assert.Equal(expected, Tiny.NoiseEntropy, 12);
        Assert.Equal([1 / (11 / 6.0), 0.5 / (11 / 6.0), (1 / 3.0) / (11 / 6.0)], Tiny.Weights.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Samples_stay_inside_the_noise_box_of_their_prototype_and_squeezing_prevents_clipping()
    {
        var rng = new Random(3);
        for (int i = 0; i < 1000; i++)
        {
            var (k, x) = Tiny.Sample(rng);
            for (int j = 0; j < 2; j++) Assert.InRange(x[j] - Tiny.Prototypes[k][j], -2, 2);
        }
        Assert.Equal([3, 252, 128], BinomialNoise.Squeeze([0, 255, 128], trials: 6));
    }
}
