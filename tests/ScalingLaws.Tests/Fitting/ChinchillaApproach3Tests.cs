using ScalingLaws.Fitting;

namespace ScalingLaws.Tests.Fitting;

/// <summary>
/// Hoffmann et al. 2022 approach 3 on Epoch AI's extraction of their Figure 4, with Epoch's recipe
/// (Besiroglu et al. 2024): drop the 5 highest-loss runs, Huber (delta 1e-3) on log loss, L-BFGS from
/// their 4,500-point grid. See data/reference/README.md.
/// </summary>
public class ChinchillaApproach3Tests
{
    internal static FitData EpochPoints()
    {
        var raw = FitDataCsv.Load(RepoRoot.Path("data", "reference", "chinchilla_fig4_points.csv"), "params", "loss", x2Column: "training_flop");
        // The file holds N and C; the law takes D = C / (6 N).
        var tokens = raw.X.Zip(raw.X2, (n, c) => c / (6 * n)).ToArray();
        return new FitData(raw.X, raw.Y, tokens).WithoutHighestY(5);
    }

    [Fact]
    public void Reproduces_Epochs_estimates_with_their_recipe()
    {
        var data = EpochPoints();
        Assert.Equal(240, data.Count);
        var fit = ScalingLawFitter.Fit(new ChinchillaLoss(), data, FitOptions.Huber(1e-3));

        Assert.Equal(4500, fit.StartsTried);
        Assert.InRange(fit["E"], 1.817 - 0.01, 1.817 + 0.01);
        Assert.InRange(fit["alpha"], 0.348 - 0.01, 0.348 + 0.01);
        Assert.InRange(fit["beta"], 0.366 - 0.01, 0.366 + 0.01);
        Assert.InRange(fit["A"], 285.2, 743.6);
        Assert.InRange(fit["B"], 1042.4, 5810.3);
    }

    [Fact]
    public void Bootstrap_standard_errors_match_Epochs()
    {
        // Epoch's standard errors from 4,000 resamples: E 0.026, A 124.52, alpha 0.015, beta 0.021. B's
        // distribution is heavy-tailed (SE 1293 on 2085), so its SE is too noisy to compare at 400 resamples.
        var data = EpochPoints();
        var fit = ScalingLawFitter.Fit(new ChinchillaLoss(), data, FitOptions.Huber(1e-3));
        var boot = Bootstrap.Run(fit, data, new BootstrapOptions(400, Seed: 4));
        var se = boot.StandardErrors;
        Assert.InRange(se["E"], 0.026 * 0.7, 0.026 * 1.3);
        Assert.InRange(se["A"], 124.52 * 0.7, 124.52 * 1.3);
        Assert.InRange(se["alpha"], 0.015 * 0.7, 0.015 * 1.3);
        Assert.InRange(se["beta"], 0.021 * 0.7, 0.021 * 1.3);
        Assert.Equal(0, boot.FailedResamples);
    }
}
