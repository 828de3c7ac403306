namespace ScalingLaws.Fitting;

/// <summary>
/// The fit objective of one law on one data set, in fit space: sum_i w_i rho(r_i) with
/// r_i = ln y_i - ln L(x_i), rho = r^2 / 2 or Huber_delta. Holds scratch buffers, so one instance per thread.
/// </summary>
internal sealed class LawObjective
{
    private readonly ScalingLaw law;
    private readonly double[] logX, logX2, logY, weights, prediction, jacobian;
    private readonly bool huber;
    private readonly double delta;

    public LawObjective(ScalingLaw law, FitData data, FitOptions options)
    {
        this.law = law;
        logX = data.LogXValues;
        logX2 = data.LogX2Values;
        logY = data.LogYValues;
        weights = data.Weights.ToArray();
        huber = options.Objective == FitObjective.Huber;
        delta = options.HuberDelta;
        prediction = new double[logY.Length];
        jacobian = new double[logY.Length * ParameterCount];
    }

    public int ParameterCount => law.Parameters.Count;

    public int PointCount => logY.Length;

    /// <summary>Objective and its gradient (written into <paramref name="gradient"/>).</summary>
    public double ValueAndGradient(double[] theta, double[] gradient)
    {
        int p = ParameterCount;
        law.LogPredict(theta, logX, logX2, prediction, jacobian);
        Array.Clear(gradient);
        double total = 0;
        for (int i = 0; i < logY.Length; i++)
        {
            double w = weights[i];
            if (w == 0) continue;
            double r = logY[i] - prediction[i], slope;
            if (!huber) { total += 0.5 * w * r * r; slope = w * r; }
            else if (Math.Abs(r) <= delta) { total += 0.5 * w * r * r; slope = w * r; }
            else { total += w * delta * (Math.Abs(r) - 0.5 * delta); slope = w * delta * Math.Sign(r); }
            // d rho / d theta = -rho'(r) d lnL / d theta
            int row = i * p;
            for (int j = 0; j < p; j++) gradient[j] -= slope * jacobian[row + j];
        }
        return double.IsFinite(total) ? total : double.PositiveInfinity;
    }

    /// <summary>Weighted residuals sqrt(w) r and their Jacobian (least squares: cost = sum of squares / 2).</summary>
    public double ResidualsAndJacobian(double[] theta, double[] residuals, double[] residualJacobian)
    {
        int p = ParameterCount;
        law.LogPredict(theta, logX, logX2, prediction, residualJacobian);
        double cost = 0;
        for (int i = 0; i < logY.Length; i++)
        {
            double sw = Math.Sqrt(weights[i]);
            residuals[i] = sw * (logY[i] - prediction[i]);
            cost += 0.5 * residuals[i] * residuals[i];
            int row = i * p;
            for (int j = 0; j < p; j++) residualJacobian[row + j] *= -sw;
        }
        return double.IsFinite(cost) ? cost : double.PositiveInfinity;
    }

    /// <summary>Unweighted log residuals ln y - ln L at theta.</summary>
    public double[] LogResiduals(double[] theta)
    {
        law.LogPredict(theta, logX, logX2, prediction, []);
        var r = new double[logY.Length];
        for (int i = 0; i < r.Length; i++) r[i] = logY[i] - prediction[i];
        return r;
    }
}
