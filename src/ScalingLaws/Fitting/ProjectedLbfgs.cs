namespace ScalingLaws.Fitting;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, algorithm 7.4) with box bounds handled by projection: variables
/// held at a bound by the gradient are frozen for the step, and the backtracking (Armijo) line search
/// projects each trial point onto the box. Enough for the handful of parameters a scaling law has.
/// </summary>
internal static class ProjectedLbfgs
{
    private const int Memory = 10;

    public static LocalMinimum Minimize(Func<double[], double[], double> valueAndGradient, double[] start,
        double[] lower, double[] upper, int maxIterations, double relativeTolerance)
    {
        int n = start.Length;
        var x = Box.Project(start, lower, upper);
        var g = new double[n];
        double f = valueAndGradient(x, g);
        if (!double.IsFinite(f)) return new(x, f, 0, false, "objective is not finite at the start");

        var s = new double[Memory][];
        var y = new double[Memory][];
        var rho = new double[Memory];
        var a = new double[Memory];
        int stored = 0, newest = -1;
        var d = new double[n];
        var xTrial = new double[n];
        var gTrial = new double[n];
        var free = new bool[n];

        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            double pgNorm = 0;
            for (int i = 0; i < n; i++)
            {
                free[i] = !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0));
                if (free[i]) pgNorm = Math.Max(pgNorm, Math.Abs(g[i]));
            }
            if (pgNorm == 0) return new(x, f, iteration - 1, true, "projected gradient is zero");

            // Two-loop recursion over the free variables.
            for (int i = 0; i < n; i++) d[i] = free[i] ? g[i] : 0;
            for (int k = 0; k < stored; k++)
            {
                int m = (newest - k + Memory) % Memory;
                a[m] = rho[m] * Dot(s[m], d);
                for (int i = 0; i < n; i++) d[i] -= a[m] * y[m][i];
            }
            double gamma = stored > 0 ? 1 / (rho[newest] * Dot(y[newest], y[newest])) : 1 / Math.Max(1, pgNorm);
            for (int i = 0; i < n; i++) d[i] *= gamma;
            for (int k = stored - 1; k >= 0; k--)
            {
                int m = (newest - k + Memory) % Memory;
                double b = rho[m] * Dot(y[m], d);
                for (int i = 0; i < n; i++) d[i] += s[m][i] * (a[m] - b);
            }
            for (int i = 0; i < n; i++) d[i] = free[i] ? -d[i] : 0;
            if (!(Dot(g, d) < 0))
            {
                // Not a descent direction (curvature pairs went stale): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++) d[i] = free[i] ? -g[i] / Math.Max(1, pgNorm) : 0;
            }

            double step = 1, fTrial = double.NaN;
            bool accepted = false;
            for (int trial = 0; trial < 60; trial++)
            {
                for (int i = 0; i < n; i++) xTrial[i] = Math.Clamp(x[i] + step * d[i], lower[i], upper[i]);
                fTrial = valueAndGradient(xTrial, gTrial);
                double expected = 0;
                for (int i = 0; i < n; i++) expected += g[i] * (xTrial[i] - x[i]);
                if (fTrial <= f + 1e-4 * expected && double.IsFinite(fTrial)) { accepted = true; break; }
                step *= trial < 2 ? 0.5 : 0.1 + 0.4 * (trial % 2);
            }
            if (!accepted)
            {
                if (stored == 0) return new(x, f, iteration, true, "no further decrease along the gradient");
                stored = 0;
                continue;
            }

            newest = (newest + 1) % Memory;
            s[newest] ??= new double[n];
            y[newest] ??= new double[n];
            for (int i = 0; i < n; i++) { s[newest][i] = xTrial[i] - x[i]; y[newest][i] = gTrial[i] - g[i]; }
            double sy = Dot(s[newest], y[newest]);
            if (sy > 1e-16 * Dot(y[newest], y[newest]) && sy > 0) { rho[newest] = 1 / sy; stored = Math.Min(stored + 1, Memory); }
            else newest = (newest - 1 + Memory) % Memory;

            double decrease = f - fTrial;
            Array.Copy(xTrial, x, n);
            Array.Copy(gTrial, g, n);
            f = fTrial;
            if (decrease <= relativeTolerance * Math.Max(Math.Abs(f), 1e-300))
                return new(x, f, iteration, true, "relative decrease below tolerance");
        }
        return new(x, f, maxIterations, false, $"stopped after {maxIterations} iterations");
    }

    private static double Dot(double[] u, double[] v)
    {
        double sum = 0;
        for (int i = 0; i < u.Length; i++) sum += u[i] * v[i];
        return sum;
    }
}
