namespace ScalingLaws.Fitting;

/// <summary>Weighted least-squares line through (ln x, ln y): the closed-form fit of a pure power law.</summary>
internal static class LogLogLine
{
    /// <summary>Slope and intercept of ln y = intercept + slope ln x, by weighted least squares.</summary>
    public static (double Slope, double Intercept) Fit(IReadOnlyList<double> logX, IReadOnlyList<double> logY, IReadOnlyList<double> weights)
    {
        double sw = 0, sx = 0, sy = 0;
        for (int i = 0; i < logX.Count; i++) { sw += weights[i]; sx += weights[i] * logX[i]; sy += weights[i] * logY[i]; }
        double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0;
        for (int i = 0; i < logX.Count; i++)
        {
            double dx = logX[i] - mx;
            sxx += weights[i] * dx * dx;
            sxy += weights[i] * dx * (logY[i] - my);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return (slope, my - slope * mx);
    }
}
