using ScalingLaws.Data.Captions;
using ScalingLaws.Data.Images;

namespace ScalingLaws.Tests.Data.Captions;

public class DescribedImageSourceTests
{
    // Four scenes of two intensities: scenes 0 and 1 render 1 apart (within the noise's reach, so the noise hides which
    // description drew some images), scenes 2 and 3 render alike with different descriptions (so the render itself hides
    // the description).
    private static readonly (double, int, byte[])[] Overlapping = [(0.4, 0, [10, 20]), (0.2, 1, [11, 20]), (0.3, 1, [30, 40]), (0.1, 0, [30, 40])];

    // Renders far apart: the noise never hides anything.
    private static readonly (double, int, byte[])[] Separated = [(0.5, 0, [10, 20]), (0.25, 1, [100, 20]), (0.25, 1, [100, 120])];

    private static (double MutualInformation, double ImageEntropy) BruteForce((double P, int D, byte[] R)[] scenes, BinomialNoise noise)
    {
        // I(D; X) = Σ_x Σ_d p(x, d) ln p(x, d) / (p(x) p(d)) and H(X) = −Σ_x p(x) ln p(x), over all 65,536 images.
        double pd0 = scenes.Where(s => s.D == 0).Sum(s => s.P), mi = 0, hx = 0;
        for (int a = 0; a < 256; a++)
            for (int b = 0; b < 256; b++)
            {
                var joint = new double[2];
                foreach (var (p, d, r) in scenes) joint[d] += p * noise.Probability(a - r[0]) * noise.Probability(b - r[1]);
                double px = joint[0] + joint[1];
                if (px == 0) continue;
                hx -= px * Math.Log(px);
                for (int d = 0; d < 2; d++)
                    if (joint[d] > 0) mi += joint[d] * Math.Log(joint[d] / (px * (d == 0 ? pd0 : 1 - pd0)));
            }
        return (mi, hx);
    }

    [Fact]
    public void The_information_formula_equals_brute_force_enumeration_when_noise_hides_part_of_it()
    {
        var noise = new BinomialNoise(4);
        var source = new DescribedImageSource(Overlapping, noise, channels: 1);
        var (mi, hx) = BruteForce(Overlapping, noise);
        var info = source.Information(samples: 40_000, seed: 3);

        Assert.True(source.NoiseCanConfuseRenders());
        Assert.Equal(3, source.Renders);
        Assert.Equal(Math.Log(2), info.DescriptionEntropy, 12);
        Assert.Equal(0.4 * -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)), info.DescriptionGivenRender, 12);
        Assert.True(info.NoiseCorrection > 0.01, $"the noise should hide some information, got {info.NoiseCorrection}");
        Assert.True(info.StandardError > 0);
        Assert.InRange(mi, info.MutualInformation - 4 * info.StandardError, info.MutualInformation + 4 * info.StandardError);
        Assert.InRange(hx, info.ImageEntropy - 4 * info.ImageEntropyStandardError, info.ImageEntropy + 4 * info.ImageEntropyStandardError);
        Assert.Equal(info.ImageEntropy - info.MutualInformation, info.ImageGivenDescription, 12);
    }

    [Fact]
    public void With_renders_beyond_the_noise_the_information_is_an_exact_sum()
    {
        var noise = new BinomialNoise(4);
        var source = new DescribedImageSource(Separated, noise, channels: 1);
        var (mi, hx) = BruteForce(Separated, noise);
        var info = source.Information(samples: 1000, seed: 3);
        Assert.False(source.NoiseCanConfuseRenders());
        Assert.Equal(0, info.Samples);
        Assert.Equal(0, info.StandardError);
        Assert.Equal(mi, info.MutualInformation, 10);
        Assert.Equal(hx, info.ImageEntropy, 10);
    }

    [Fact]
    public void Posterior_entropies_sum_over_the_renders_whose_noise_box_holds_the_image()
    {
        var source = new DescribedImageSource(Overlapping, new BinomialNoise(4), channels: 1);
        // [30, 40] is reachable only from the shared render of scenes 2 and 3: the render is certain, the description 3:1.
        var (description, render) = source.PosteriorEntropies([30, 40]);
        Assert.Equal(0, render, 12);
        Assert.Equal(-(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)), description, 12);
        // [12, 20] is 2 from render [10, 20] and 1 from [11, 20]: both are possible, so both entropies are positive.
        Assert.True(source.PosteriorEntropies([12, 20]).Render > 0);
        Assert.Throws<ArgumentException>(() => source.PosteriorEntropies([200, 200]));
    }

    [Fact]
    public void Samples_stay_in_their_render_noise_box_and_bad_sources_are_refused()
    {
        var source = new DescribedImageSource(Overlapping, new BinomialNoise(4), channels: 1);
        var rng = new Random(5);
        for (int i = 0; i < 500; i++)
        {
            var (scene, x) = source.Sample(rng);
            Assert.InRange(x[0] - Overlapping[scene].Item3[0], -2, 2);
            Assert.InRange(x[1] - Overlapping[scene].Item3[1], -2, 2);
        }
        Assert.Contains("sum to", Assert.Throws<ArgumentException>(() => new DescribedImageSource([(0.5, 0, [10, 20])], new BinomialNoise(4), 1)).Message);
        Assert.Contains("clips", Assert.Throws<ArgumentException>(() => new DescribedImageSource([(1.0, 0, [1, 20])], new BinomialNoise(4), 1)).Message);
    }
}
