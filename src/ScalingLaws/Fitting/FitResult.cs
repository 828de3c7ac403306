namespace ScalingLaws.Fitting;

/// <summary>
/// A fitted law: the parameters in natural units, the log residuals ln y - ln L(x), R^2 and RMSE in log
/// space, and how the optimiser stopped.
/// </summary>
public sealed record FitResult
{
    /// <summary>The law that was fitted.</summary>
    public required ScalingLaw Law { get; init; }

    /// <summary>Fitted parameters in natural units, in the order of <see cref="ScalingLaw.Parameters"/>.</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>The same parameters in fit space (logs of scales), as the bootstrap warm-starts from.</summary>
    public required IReadOnlyList<double> FitSpaceValues { get; init; }

    /// <summary>ln y - ln L(x) per point.</summary>
    public required IReadOnlyList<double> LogResiduals { get; init; }

    /// <summary>1 - SS_res / SS_tot of ln y (weighted by the data's weights).</summary>
    public required double R2Log { get; init; }

    /// <summary>Root mean square of the log residuals (weighted).</summary>
    public required double RmseLog { get; init; }

    /// <summary>The minimised objective.</summary>
    public required double ObjectiveValue { get; init; }

    /// <summary>Whether the winning run met its stopping tolerance.</summary>
    public required bool Converged { get; init; }

    /// <summary>Iterations of the winning run's polish.</summary>
    public required int Iterations { get; init; }

    /// <summary>How many starting points were tried.</summary>
    public required int StartsTried { get; init; }

    /// <summary>Why the winning run stopped.</summary>
    public required string StopReason { get; init; }

    /// <summary>The options the fit used (the bootstrap refits with the same).</summary>
    public required FitOptions Options { get; init; }

    /// <summary>A fitted parameter by its symbol, e.g. fit["alpha"].</summary>
    public double this[string name]
    {
        get
        {
            int index = Law.ParameterNames.ToList().IndexOf(name);
            if (index < 0) throw new KeyNotFoundException($"{Law.Name} has no parameter '{name}'; it has {string.Join(", ", Law.ParameterNames)}.");
            return Values[index];
        }
    }

    /// <summary>Parameters by symbol.</summary>
    public IReadOnlyDictionary<string, double> Parameters => Law.ParameterNames.Zip(Values).ToDictionary(p => p.First, p => p.Second);

    /// <summary>The fitted law at a point.</summary>
    public double Predict(double x, double x2 = double.NaN) => Law.Evaluate(Values, x, x2);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Law.Formula}: {string.Join(", ", Parameters.Select(p => $"{p.Key} = {p.Value:G5}"))}; R^2(log) = {R2Log:F4}, RMSE(log) = {RmseLog:G3}";
}
