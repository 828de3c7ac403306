using ScalingLaws.Fitting;

namespace ScalingLaws.Tests.Fitting;

/// <summary>Points drawn from a law with known parameters, with multiplicative log-normal noise.</summary>
internal static class SyntheticData
{
    public static double LogUniform(Random rng, double lo, double hi) => Math.Exp(Math.Log(lo) + rng.NextDouble() * (Math.Log(hi) - Math.Log(lo)));

    public static double Uniform(Random rng, double lo, double hi) => lo + rng.NextDouble() * (hi - lo);

    public static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Log-spaced values from lo to hi.</summary>
    public static double[] LogSpaced(double lo, double hi, int count) =>
        Enumerable.Range(0, count).Select(i => Math.Exp(Math.Log(lo) + (Math.Log(hi) - Math.Log(lo)) * i / (count - 1))).ToArray();

    /// <summary>y = law(truth, x) e^(sigma z) at one-variable points.</summary>
    public static FitData OneVariable(ScalingLaw law, double[] truth, double[] x, double sigma, Random rng) =>
        new(x, x.Select(v => law.Evaluate(truth, v) * Math.Exp(sigma * Gaussian(rng))).ToArray());

    /// <summary>y = law(truth, x, x2) e^(sigma z) on the grid x by x2.</summary>
    public static FitData Grid(ScalingLaw law, double[] truth, double[] x, double[] x2, double sigma, Random rng)
    {
        var points = x.SelectMany(a => x2.Select(b => (a, b))).ToArray();
        return new FitData(points.Select(p => p.a).ToArray(),
            points.Select(p => law.Evaluate(truth, p.a, p.b) * Math.Exp(sigma * Gaussian(rng))).ToArray(),
            points.Select(p => p.b).ToArray());
    }
}
