namespace ScalingLaws.Fitting;

/// <summary>Box bounds in fit space.</summary>
internal static class Box
{
    public static double[] Project(double[] x, double[] lower, double[] upper)
    {
        var projected = new double[x.Length];
        for (int i = 0; i < x.Length; i++) projected[i] = Math.Clamp(x[i], lower[i], upper[i]);
        return projected;
    }
}
