namespace ScalingLaws.Fitting;

/// <summary>
/// One parameter of a scaling law: its symbol as the paper writes it, whether the fitter works with its
/// logarithm (scales such as N_c or A span many decades, so they are fitted as ln N_c), and its bounds in
/// natural units.
/// </summary>
/// <param name="Name">The paper's symbol, e.g. "alpha_N" or "E"; also the key in the CLI's JSON.</param>
/// <param name="FitInLogSpace">True for positive scales fitted as their logarithm.</param>
/// <param name="Lower">Smallest allowed value (natural units; must be positive when <paramref name="FitInLogSpace"/>).</param>
/// <param name="Upper">Largest allowed value (natural units).</param>
public sealed record LawParameter(string Name, bool FitInLogSpace, double Lower, double Upper)
{
    /// <summary>A positive scale fitted in log space, unbounded above.</summary>
    public static LawParameter Scale(string name) => new(name, true, 0, double.PositiveInfinity);

    /// <summary>An exponent fitted directly, within [lower, upper].</summary>
    public static LawParameter Exponent(string name, double lower = 1e-6, double upper = 10) => new(name, false, lower, upper);

    internal double ToFitSpace(double value) => FitInLogSpace ? Math.Log(value) : value;

    internal double FromFitSpace(double theta) => FitInLogSpace ? Math.Exp(theta) : theta;

    internal double LowerInFitSpace => FitInLogSpace ? (Lower > 0 ? Math.Log(Lower) : double.NegativeInfinity) : Lower;

    internal double UpperInFitSpace => FitInLogSpace ? Math.Log(Upper) : Upper;
}
