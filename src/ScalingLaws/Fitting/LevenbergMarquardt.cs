namespace ScalingLaws.Fitting;

/// <summary>
/// Levenberg-Marquardt (Marquardt 1963, with Nielsen's damping updates) for the least-squares objective,
/// projecting each step onto the box bounds. Converges in a few dozen iterations where L-BFGS crawls along
/// the curved valleys of joint laws such as Kaplan's L(N, D).
/// </summary>
internal static class LevenbergMarquardt
{
    public delegate double ResidualFunction(double[] theta, double[] residuals, double[] jacobian);

    public static LocalMinimum Minimize(ResidualFunction evaluate, int pointCount, double[] start,
        double[] lower, double[] upper, int maxIterations, double relativeTolerance)
    {
        int p = start.Length;
        var x = Box.Project(start, lower, upper);
        var r = new double[pointCount];
        var jac = new double[pointCount * p];
        var rTrial = new double[pointCount];
        var jacTrial = new double[pointCount * p];
        double cost = evaluate(x, r, jac);
        if (!double.IsFinite(cost)) return new(x, cost, 0, false, "objective is not finite at the start");

        var normal = new double[p * p];
        var gradient = new double[p];
        var system = new double[p * p];
        var step = new double[p];
        var xTrial = new double[p];
        double lambda = 1e-3, growth = 2;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            NormalEquations(jac, r, pointCount, p, normal, gradient);
            bool improved = false;
            while (!improved)
            {
                Array.Copy(normal, system, p * p);
                for (int j = 0; j < p; j++) system[j * p + j] += lambda * Math.Max(normal[j * p + j], 1e-12);
                for (int j = 0; j < p; j++) step[j] = -gradient[j];
                if (!DenseSolve.InPlace(system, step, p)) { lambda *= 10; if (lambda > 1e20) break; continue; }
                for (int j = 0; j < p; j++) xTrial[j] = Math.Clamp(x[j] + step[j], lower[j], upper[j]);
                double costTrial = evaluate(xTrial, rTrial, jacTrial);
                if (costTrial < cost && double.IsFinite(costTrial))
                {
                    double decrease = cost - costTrial;
                    (x, xTrial) = (xTrial, x);
                    (r, rTrial) = (rTrial, r);
                    (jac, jacTrial) = (jacTrial, jac);
                    cost = costTrial;
                    lambda = Math.Max(lambda / 3, 1e-15);
                    growth = 2;
                    improved = true;
                    if (decrease <= relativeTolerance * Math.Max(cost, 1e-300))
                        return new(x, cost, iteration, true, "relative decrease below tolerance");
                }
                else
                {
                    lambda *= growth;
                    growth *= 2;
                    if (lambda > 1e20) break;
                }
            }
            if (!improved) return new(x, cost, iteration, true, "no step decreases the objective");
        }
        return new(x, cost, maxIterations, false, $"stopped after {maxIterations} iterations");
    }

    private static void NormalEquations(double[] jac, double[] r, int n, int p, double[] normal, double[] gradient)
    {
        Array.Clear(normal);
        Array.Clear(gradient);
        for (int i = 0; i < n; i++)
        {
            int row = i * p;
            for (int j = 0; j < p; j++)
            {
                double jij = jac[row + j];
                gradient[j] += jij * r[i];
                for (int k = 0; k <= j; k++) normal[j * p + k] += jij * jac[row + k];
            }
        }
        for (int j = 0; j < p; j++)
            for (int k = 0; k < j; k++) normal[k * p + j] = normal[j * p + k];
    }
}
