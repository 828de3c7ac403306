using ScalingLaws.Fitting;
using Xunit.Abstractions;
using static ScalingLaws.Tests.Fitting.SyntheticData;

namespace ScalingLaws.Tests.Fitting;

/// <summary>
/// Property tests: for random true parameters across wide ranges and multiplicative noise of 1-2%, each
/// law's fit recovers the exponents within 5% and the curve within 2% over the data.
/// </summary>
public class LawRecoveryTests(ITestOutputHelper output)
{
    private const int Repetitions = 6;
    private const double ExponentTolerance = 0.05;

    private static double Noise(Random rng) => Uniform(rng, 0.01, 0.02);

    [Fact]
    public void Power_law_recovers_random_truths() => Recover(new PowerLaw(), 11, rng =>
    {
        double alpha = Uniform(rng, 0.05, 1.0), xLo = LogUniform(rng, 1e2, 1e8);
        double[] truth = [xLo * LogUniform(rng, 1e3, 1e12), alpha];
        return (truth, OneVariable(new PowerLaw(), truth, LogSpaced(xLo, xLo * 1e6, 60), Noise(rng), rng));
    }, "alpha");

    [Fact]
    public void Power_law_plus_constant_recovers_random_truths() => Recover(new PowerLawPlusConstant(), 12, rng =>
    {
        double lInf = Uniform(rng, 0.3, 4), alpha = Uniform(rng, 0.15, 0.8), xLo = LogUniform(rng, 1e2, 1e6), xHi = xLo * 1e6;
        // The reducible term is 10-30% of L_inf at the largest x, so the constant and the slope are both visible.
        double x0 = xHi * Math.Pow(lInf * Uniform(rng, 0.1, 0.3), 1 / alpha);
        double[] truth = [lInf, x0, alpha];
        return (truth, OneVariable(new PowerLawPlusConstant(), truth, LogSpaced(xLo, xHi, 60), Noise(rng), rng));
    }, "alpha", "L_inf");

    [Fact]
    public void Kaplan_joint_law_recovers_random_truths() => Recover(new KaplanJointNd(), 13, rng =>
    {
        double alphaN = Uniform(rng, 0.05, 0.3), alphaD = Uniform(rng, 0.05, 0.3);
        double nLo = LogUniform(rng, 1e5, 1e8), dLo = LogUniform(rng, 1e6, 1e9);
        double nMid = nLo * Math.Pow(10, 1.5), dMid = dLo * Math.Pow(10, 1.5);
        // At the grid's centre the N and D terms of the bracket are within a factor of 3 of each other.
        double nTerm = LogUniform(rng, 1e1, 1e3), dTerm = nTerm * LogUniform(rng, 1.0 / 3, 3);
        double[] truth = [nMid * Math.Pow(nTerm, alphaD / alphaN), alphaN, dMid * dTerm, alphaD];
        return (truth, Grid(new KaplanJointNd(), truth, LogSpaced(nLo, nLo * 1e3, 8), LogSpaced(dLo, dLo * 1e3, 8), Noise(rng), rng));
    }, "alpha_N", "alpha_D");

    [Fact]
    public void Kaplan_learning_curve_law_recovers_random_truths() => Recover(new KaplanLearningCurve(), 14, rng =>
    {
        double alphaN = Uniform(rng, 0.05, 0.3), alphaS = Uniform(rng, 0.3, 1.2);
        double nLo = LogUniform(rng, 1e5, 1e8), sLo = LogUniform(rng, 1e2, 1e3);
        double nTerm = Uniform(rng, 1, 4), sTerm = nTerm * LogUniform(rng, 1.0 / 3, 3);
        double[] truth = [nLo * Math.Pow(10, 1.5) * Math.Pow(nTerm, 1 / alphaN), alphaN, sLo * Math.Pow(10, 1.5) * Math.Pow(sTerm, 1 / alphaS), alphaS];
        return (truth, Grid(new KaplanLearningCurve(), truth, LogSpaced(nLo, nLo * 1e3, 8), LogSpaced(sLo, sLo * 1e3, 10), Noise(rng), rng));
    }, "alpha_N", "alpha_S");

    [Fact]
    public void Chinchilla_law_recovers_random_truths() => Recover(new ChinchillaLoss(), 15, repetitions: 4, rng =>
    {
        double e = Uniform(rng, 1, 2.5), alpha = Uniform(rng, 0.25, 0.6), beta = Uniform(rng, 0.25, 0.6);
        double nLo = LogUniform(rng, 1e6, 1e8), dLo = LogUniform(rng, 1e7, 1e9);
        // Each power term is 0.5-2 E at the grid's centre.
        double a = e * Uniform(rng, 0.5, 2) * Math.Pow(nLo * 1e2, alpha), b = e * Uniform(rng, 0.5, 2) * Math.Pow(dLo * 1e2, beta);
        double[] truth = [e, a, b, alpha, beta];
        return (truth, Grid(new ChinchillaLoss(), truth, LogSpaced(nLo, nLo * 1e4, 12), LogSpaced(dLo, dLo * 1e4, 12), Noise(rng), rng));
    }, "alpha", "beta", "E");

    [Fact]
    public void Critical_batch_law_recovers_random_truths() => Recover(new CriticalBatchSize(), 16, rng =>
    {
        double alphaB = Uniform(rng, 0.1, 0.5);
        double[] truth = [LogUniform(rng, 1e6, 1e10), alphaB];
        return (truth, OneVariable(new CriticalBatchSize(), truth, LogSpaced(Uniform(rng, 1.5, 2.5), Uniform(rng, 4, 6), 40), Noise(rng), rng));
    }, "alpha_B");

    private void Recover(ScalingLaw law, int seed, Func<Random, (double[] Truth, FitData Data)> draw, params string[] checkedParameters) =>
        Recover(law, seed, Repetitions, draw, checkedParameters);

    // The Chinchilla fit runs its 4,500-start grid each time, so it gets fewer repetitions.
    private void Recover(ScalingLaw law, int seed, int repetitions, Func<Random, (double[] Truth, FitData Data)> draw, params string[] checkedParameters)
    {
        var rng = new Random(seed);
        for (int rep = 0; rep < repetitions; rep++)
        {
            var (truth, data) = draw(rng);
            var fit = ScalingLawFitter.Fit(law, data);
            output.WriteLine($"truth {string.Join(", ", truth.Select(v => v.ToString("G4")))} | fit {fit}");
            var names = law.ParameterNames.ToList();
            foreach (string name in checkedParameters)
            {
                double expected = truth[names.IndexOf(name)];
                Assert.True(Math.Abs(fit[name] / expected - 1) < ExponentTolerance,
                    $"{law.Name} repetition {rep}: {name} fitted {fit[name]:G4}, true {expected:G4}.");
            }
            double worstCurveError = Enumerable.Range(0, data.Count)
                .Max(i => Math.Abs(fit.Predict(data.X[i], data.HasX2 ? data.X2[i] : double.NaN) / law.Evaluate(truth, data.X[i], data.HasX2 ? data.X2[i] : double.NaN) - 1));
            Assert.True(worstCurveError < 0.02, $"{law.Name} repetition {rep}: fitted curve is {worstCurveError:P2} from the truth somewhere in the data.");
            Assert.True(fit.Converged, $"{law.Name} repetition {rep}: {fit.StopReason}");
        }
    }
}
