using ScalingLaws.Fitting;
using ScalingLaws.Information;
using static ScalingLaws.Tests.Fitting.SyntheticData;

namespace ScalingLaws.Tests.Information;

public class EntropyDecompositionTests
{
    // Henighan et al. 2020, Table 1, image 8x8: L(N) = 3.12 + (N/8.0e1)^-0.24.
    private static readonly double[] Image8x8 = [3.12, 80, 0.24];

    private static (FitResult Fit, FitData Data) FitImageLaw(double noise, int seed)
    {
        var law = new PowerLawPlusConstant();
        var data = OneVariable(law, Image8x8, LogSpaced(1e4, 1e9, 40), noise, new Random(seed));
        return (ScalingLawFitter.Fit(law, data), data);
    }

    [Fact]
    public void Loss_splits_into_entropy_and_reducible_KL()
    {
        var (fit, _) = FitImageLaw(0, 1);
        var split = EntropyDecomposition.At(fit, 1e6);
        Assert.Equal(3.12, split.Entropy, 6);
        Assert.Equal(Math.Pow(80 / 1e6, 0.24), split.KlDivergence, 6);
        Assert.Equal(split.TotalLoss, split.Entropy + split.KlDivergence, 12);
        Assert.Null(split.EntropyInterval);
    }

    [Fact]
    public void Bootstrap_gives_intervals_that_cover_the_true_split()
    {
        var (fit, data) = FitImageLaw(0.01, 2);
        var boot = Bootstrap.Run(fit, data, new BootstrapOptions(300, Seed: 2));
        var split = EntropyDecomposition.At(fit, 1e7, boot);
        Assert.True(split.EntropyInterval!.Value.Contains(3.12), $"{split.EntropyInterval}");
        Assert.True(split.KlDivergenceInterval!.Value.Contains(Math.Pow(80 / 1e7, 0.24)), $"{split.KlDivergenceInterval}");
    }

    [Fact]
    public void Size_needed_for_a_target_reducible_loss_reaches_it()
    {
        var (fit, data) = FitImageLaw(0.01, 3);
        var boot = Bootstrap.Run(fit, data, new BootstrapOptions(300, Seed: 3));
        var target = ReducibleLossTarget.Solve(fit, 0.05, boot);
        Assert.Equal(0.05, EntropyDecomposition.At(fit, target.X).KlDivergence, 10);
        double exact = 80 * Math.Pow(0.05, -1 / 0.24);
        Assert.True(target.Interval!.Value.Contains(exact), $"exact {exact:G4}, interval {target.Interval}");
        Assert.True(target.Interval.Value.Contains(target.X));
    }

    [Fact]
    public void Decomposition_needs_a_power_law_plus_constant_fit()
    {
        var law = new PowerLaw();
        var fit = ScalingLawFitter.Fit(law, OneVariable(law, [1e10, 0.1], LogSpaced(1e4, 1e8, 10), 0, new Random(1)));
        Assert.Contains("power-plus-constant", Assert.Throws<ArgumentException>(() => EntropyDecomposition.At(fit, 1e6)).Message);
        var (ppc, _) = FitImageLaw(0, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReducibleLossTarget.Solve(ppc, 0));
    }
}
