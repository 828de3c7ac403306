using ScalingLaws.Fitting;

namespace ScalingLaws.Tests.Fitting;

public class JacobianTests
{
    public static TheoryData<string, double[]> Laws => new()
    {
        { "power", [8.8e13, 0.076] },
        { "power-plus-constant", [3.1, 80, 0.24] },
        { "kaplan-nd", [6.4e13, 0.076, 1.8e13, 0.103] },
        { "kaplan-ns", [6.5e13, 0.077, 2.1e3, 0.76] },
        { "chinchilla", [1.69, 406.4, 410.7, 0.34, 0.28] },
        { "critical-batch", [2e8, 0.21] },
    };

    [Theory]
    [MemberData(nameof(Laws))]
    public void Analytic_jacobian_matches_finite_differences(string name, double[] parameters)
    {
        var law = ScalingLaw.ByName(name);
        double[] logX = [Math.Log(1e6), Math.Log(3e8), Math.Log(2.5)];
        double[] logX2 = law.VariableCount == 2 ? [Math.Log(1e9), Math.Log(4e4), Math.Log(1e11)] : [];
        var theta = law.ToFitSpace(parameters);
        int p = theta.Length;
        var prediction = new double[3];
        var jacobian = new double[3 * p];
        law.LogPredict(theta, logX, logX2, prediction, jacobian);
        for (int j = 0; j < p; j++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[j]));
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[j] += h;
            down[j] -= h;
            var pUp = new double[3];
            var pDown = new double[3];
            law.LogPredict(up, logX, logX2, pUp, []);
            law.LogPredict(down, logX, logX2, pDown, []);
            for (int i = 0; i < 3; i++)
                Assert.Equal((pUp[i] - pDown[i]) / (2 * h), jacobian[i * p + j], 6);
        }
    }

    [Theory]
    [MemberData(nameof(Laws))]
    public void Evaluate_matches_the_formula(string name, double[] p)
    {
        var law = ScalingLaw.ByName(name);
        double x = 3e8, x2 = 4e10;
        double expected = name switch
        {
            "power" => Math.Pow(p[0] / x, p[1]),
            "power-plus-constant" => p[0] + Math.Pow(p[1] / x, p[2]),
            "kaplan-nd" => Math.Pow(Math.Pow(p[0] / x, p[1] / p[3]) + p[2] / x2, p[3]),
            "kaplan-ns" => Math.Pow(p[0] / x, p[1]) + Math.Pow(p[2] / x2, p[3]),
            "chinchilla" => p[0] + p[1] / Math.Pow(x, p[3]) + p[2] / Math.Pow(x2, p[4]),
            "critical-batch" => p[0] / Math.Pow(x, 1 / p[1]),
            _ => throw new ArgumentException(name),
        };
        Assert.Equal(expected, law.Evaluate(p, x, law.VariableCount == 2 ? x2 : double.NaN), expected * 1e-12);
    }
}
