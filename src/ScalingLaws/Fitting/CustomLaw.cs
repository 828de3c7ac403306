namespace ScalingLaws.Fitting;

/// <summary>
/// A law of the notebook user's own: a delegate L(parameters, x, x2) plus its parameters and starting
/// points. It is fitted like the built-in laws (log space, multi-start, bootstrap); the Jacobian comes
/// from central finite differences, so the delegate needs no gradient.
/// </summary>
/// <example>
/// <code>
/// var law = new CustomLaw("broken-power", "L = a x^-b + c",
///     [LawParameter.Scale("a"), LawParameter.Exponent("b"), LawParameter.Scale("c")],
///     (p, x, _) => p[0] * Math.Pow(x, -p[1]) + p[2],
///     starts: [[10, 0.3, 1]]);
/// </code>
/// </example>
public sealed class CustomLaw : ScalingLaw
{
    private readonly Func<IReadOnlyList<double>, double, double, double> evaluate;
    private readonly IReadOnlyList<double[]> starts;

    /// <summary>Creates the law.</summary>
    /// <param name="name">A short name for reports.</param>
    /// <param name="formula">The formula, for reports.</param>
    /// <param name="parameters">The parameters, with bounds and which to fit in log space.</param>
    /// <param name="evaluate">L(parameters in natural units, x, x2); x2 is NaN for one-variable laws. Must return a positive
    /// value, and be safe to call from several threads at once (starts and bootstrap resamples run in parallel).</param>
    /// <param name="starts">Starting points in natural units (at least one).</param>
    /// <param name="variableCount">1 for L(x), 2 for L(x, x2).</param>
    public CustomLaw(string name, string formula, IReadOnlyList<LawParameter> parameters,
        Func<IReadOnlyList<double>, double, double, double> evaluate, IReadOnlyList<double[]> starts, int variableCount = 1)
    {
        if (parameters.Count == 0) throw new ArgumentException("A law needs at least one parameter.", nameof(parameters));
        if (starts.Count == 0) throw new ArgumentException("Give at least one starting point.", nameof(starts));
        foreach (var start in starts)
            if (start.Length != parameters.Count)
                throw new ArgumentException($"Each start needs {parameters.Count} values ({string.Join(", ", parameters.Select(p => p.Name))}); one has {start.Length}.", nameof(starts));
        if (variableCount is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(variableCount), "A law has 1 or 2 variables.");
        Name = name;
        Formula = formula;
        Parameters = parameters;
        this.evaluate = evaluate;
        this.starts = starts;
        VariableCount = variableCount;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override string Formula { get; }

    /// <inheritdoc/>
    public override int VariableCount { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<LawParameter> Parameters { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> StartingGrid(FitData data) => starts;

    /// <inheritdoc/>
    public override void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian)
    {
        int p = theta.Length;
        var natural = ToNatural(theta);
        for (int i = 0; i < logX.Length; i++)
            logPrediction[i] = LogAt(natural, logX, logX2, i);
        if (jacobian.IsEmpty) return;
        var shifted = theta.ToArray();
        for (int j = 0; j < p; j++)
        {
            // Central differences in fit space; the step scales with the parameter.
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[j]));
            shifted[j] = theta[j] + h;
            var up = ToNatural(shifted);
            shifted[j] = theta[j] - h;
            var down = ToNatural(shifted);
            shifted[j] = theta[j];
            for (int i = 0; i < logX.Length; i++)
                jacobian[i * p + j] = (LogAt(up, logX, logX2, i) - LogAt(down, logX, logX2, i)) / (2 * h);
        }
    }

    private double LogAt(double[] natural, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2, int i) =>
        Math.Log(evaluate(natural, Math.Exp(logX[i]), logX2.IsEmpty ? double.NaN : Math.Exp(logX2[i])));
}
