using ScalingLaws.Fitting;
using ScalingLaws.Information;
using static ScalingLaws.Tests.Fitting.SyntheticData;

namespace ScalingLaws.Tests.Information;

public class MutualInformationTests
{
    [Fact]
    public void Paired_runs_give_the_mean_loss_difference_with_an_interval()
    {
        double[] blank = [5.1, 4.8, 4.6, 4.5, 4.3];
        double[] captioned = [4.9, 4.5, 4.2, 4.0, 3.7];
        var mi = MutualInformation.FromLosses(blank, captioned, options: new BootstrapOptions(2000, Seed: 1));
        Assert.Equal(0.4, mi.Nats, 12);
        Assert.Equal(4.66, mi.UnconditionalLoss, 12);
        Assert.Equal(0.4 / 4.66, mi.Infogain, 12);
        // Per-run differences are 0.2 to 0.6, so the bootstrap mean stays inside that range.
        Assert.InRange(mi.Interval.Lower, 0.2, 0.4);
        Assert.InRange(mi.Interval.Upper, 0.4, 0.6);
    }

    [Fact]
    public void Unpaired_runs_are_resampled_separately_and_paired_runs_need_equal_counts()
    {
        var mi = MutualInformation.FromLosses([5.0, 5.2, 4.8], [4.0, 4.1], paired: false, new BootstrapOptions(500, Seed: 2));
        Assert.Equal(5.0 - 4.05, mi.Nats, 12);
        Assert.True(mi.Interval.Contains(mi.Nats));
        Assert.Contains("paired: false", Assert.Throws<ArgumentException>(() => MutualInformation.FromLosses([5.0, 5.2, 4.8], [4.0, 4.1])).Message);
    }

    [Fact]
    public void From_two_fitted_laws_the_interval_covers_the_true_information()
    {
        // Loss without the caption has the higher floor; the true MI at N is the gap between the two laws.
        var law = new PowerLawPlusConstant();
        double[] withoutTruth = [2.4, 5e3, 0.16], withTruth = [2.0, 5.1e3, 0.15];
        var n = LogSpaced(1e4, 1e9, 30);
        var withoutData = OneVariable(law, withoutTruth, n, 0.01, new Random(3));
        var withData = OneVariable(law, withTruth, n, 0.01, new Random(4));
        var withoutFit = ScalingLawFitter.Fit(law, withoutData);
        var withFit = ScalingLawFitter.Fit(law, withData);
        var options = new BootstrapOptions(300, Seed: 5);
        var mi = MutualInformation.FromFits(withoutFit, Bootstrap.Run(withoutFit, withoutData, options), withFit, Bootstrap.Run(withFit, withData, options), 1e8);
        double truth = law.Evaluate(withoutTruth, 1e8) - law.Evaluate(withTruth, 1e8);
        Assert.True(mi.Interval.Contains(truth), $"truth {truth:F4}, estimate {mi.Nats:F4}, interval {mi.Interval}");
        Assert.Equal(withoutFit.Predict(1e8) - withFit.Predict(1e8), mi.Nats, 12);
    }

    [Fact]
    public void A_picture_is_worth_I_over_the_entropy_per_word()
    {
        // Henighan et al. 2020: about 8 nats of MI at 3.4 nats per word is 2-3 words.
        var mi = new MutualInformation(8, new ConfidenceInterval(7, 9, 0.95), 2.6 * 128);
        var words = mi.InWords(3.4);
        Assert.Equal(8 / 3.4, words.Words, 12);
        Assert.Equal(7 / 3.4, words.Interval.Lower, 12);
        Assert.Equal(9 / 3.4, words.Interval.Upper, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => mi.InWords(0));
    }
}
