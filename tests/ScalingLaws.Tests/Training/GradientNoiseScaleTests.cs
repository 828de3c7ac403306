using ScalingLaws.Training;

namespace ScalingLaws.Tests.Training;

public class GradientNoiseScaleTests
{
    [Fact]
    public void Recovers_trace_sigma_over_G_squared_from_exact_expected_norms()
    {
        // E|G_B|^2 = |G|^2 + tr(Sigma) / B (McCandlish et al. 2018, app. A); with |G|^2 = 2 and tr(Sigma) = 600, B_simple = 300.
        var noise = new GradientNoiseScale(64, 512, emaDecay: 0.9);
        for (int i = 0; i < 5; i++) noise.Update(2 + 600.0 / 64, 2 + 600.0 / 512);
        Assert.Equal(300, noise.BSimple!.Value, 6);
    }

    [Fact]
    public void Recovers_the_noise_scale_from_sampled_gradients()
    {
        // Per-example gradients g = G + e, e ~ N(0, s^2 I) in d dimensions: tr(Sigma) = d s^2.
        var rng = new Random(1);
        int d = 50, bSmall = 4, bBig = 32;
        double s = 0.5;
        var g = Enumerable.Range(0, d).Select(_ => 0.2).ToArray();    // |G|^2 = 2
        double expected = d * s * s / 2.0;                              // 6.25
        var noise = new GradientNoiseScale(bSmall, bBig, emaDecay: 0.999);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        for (int step = 0; step < 3000; step++)
        {
            var sum = new double[d];
            double small = 0;
            for (int b = 0; b < bBig; b++)
            {
                for (int j = 0; j < d; j++) sum[j] += g[j] + s * Gauss();
                if (b == bSmall - 1) small = sum.Sum(x => (x / bSmall) * (x / bSmall));
            }
            noise.Update(small, sum.Sum(x => (x / bBig) * (x / bBig)));
        }
        Assert.InRange(noise.BSimple!.Value, expected * 0.9, expected * 1.1);
    }

    [Fact]
    public void Needs_two_distinct_batch_sizes()
    {
        Assert.Throws<ArgumentException>(() => new GradientNoiseScale(64, 64));
        Assert.Null(new GradientNoiseScale(1, 2).BSimple);
    }
}
