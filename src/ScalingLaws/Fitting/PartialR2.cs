namespace ScalingLaws.Fitting;

/// <summary>
/// How much a second predictor still explains once a first is known: fit y ~ a + b x1 and y ~ a + b x1 + c x2 by least
/// squares; the partial R^2 of x2 is the share of the first model's residual variance the second removes,
/// (SSE_1 − SSE_12) / SSE_1. Henighan et al. 2020's claim that math extrapolation tracks the training loss rather than
/// the model size is the claim that log N has a partial R^2 near 0 once the training loss is known.
/// </summary>
public sealed record PartialR2(double R2First, double R2Both, double Partial, double Slope1, double Slope2)
{
    /// <summary>Fits both models to (x1, x2, y).</summary>
    public static PartialR2 Of(IReadOnlyList<double> x1, IReadOnlyList<double> x2, IReadOnlyList<double> y)
    {
        int n = y.Count;
        if (x1.Count != n || x2.Count != n) throw new ArgumentException($"Give one x1, one x2 and one y per point; got {x1.Count}, {x2.Count} and {n}.");
        if (n < 4) throw new ArgumentException($"A partial R^2 needs at least 4 points (3 coefficients and a residual); got {n}.");
        double mean = y.Average(), total = y.Sum(v => (v - mean) * (v - mean));
        if (!(total > 0)) throw new ArgumentException("y does not vary, so there is nothing to explain.");
        var (s1, i1) = WeightedLine.Fit(x1, y);
        if (double.IsNaN(s1)) throw new ArgumentException("x1 does not vary, so it explains nothing and the partial R^2 is not defined.");
        double sse1 = Enumerable.Range(0, n).Sum(i => Math.Pow(y[i] - (i1 + s1 * x1[i]), 2));
        // Normal equations of y = c0 + c1 x1 + c2 x2.
        var a = new double[9];
        var b = new double[3];
        for (int i = 0; i < n; i++)
        {
            double[] row = [1, x1[i], x2[i]];
            for (int r = 0; r < 3; r++)
            {
                b[r] += row[r] * y[i];
                for (int c = 0; c < 3; c++) a[3 * r + c] += row[r] * row[c];
            }
        }
        if (!DenseSolve.InPlace(a, b, 3)) throw new ArgumentException("x1 and x2 are collinear, so their effects cannot be told apart.");
        double sse12 = Enumerable.Range(0, n).Sum(i => Math.Pow(y[i] - (b[0] + b[1] * x1[i] + b[2] * x2[i]), 2));
        return new PartialR2(1 - sse1 / total, 1 - sse12 / total, sse1 > 0 ? (sse1 - sse12) / sse1 : 0, b[1], b[2]);
    }
}
