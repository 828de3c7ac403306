namespace ScalingLaws.Fitting;

/// <summary>
/// A scaling law L(x) or L(x, x2) that the fitter can fit in log space. Each law knows its formula, its
/// parameters (names, bounds, which are scales fitted as logarithms) and a starting grid, and computes
/// ln L with its Jacobian over a whole data set at once, so the objective is one vectorised pass.
/// </summary>
/// <remarks>
/// Fit space: the vector theta holds each parameter as <see cref="LawParameter.ToFitSpace"/> gives it
/// (ln of a scale, an exponent as is), in the order of <see cref="Parameters"/>.
/// </remarks>
public abstract class ScalingLaw
{
    /// <summary>Short name, as the CLI's <c>--law</c> takes it (e.g. "chinchilla").</summary>
    public abstract string Name { get; }

    /// <summary>The formula in the paper's notation.</summary>
    public abstract string Formula { get; }

    /// <summary>1 for L(x), 2 for L(x, x2).</summary>
    public abstract int VariableCount { get; }

    /// <summary>The parameters in fit order.</summary>
    public abstract IReadOnlyList<LawParameter> Parameters { get; }

    /// <summary>The parameters' symbols in fit order.</summary>
    public IReadOnlyList<string> ParameterNames => Parameters.Select(p => p.Name).ToArray();

    /// <summary>
    /// ln L at every point, and (when <paramref name="jacobian"/> is not empty) d ln L / d theta as a
    /// row-major (points x parameters) matrix.
    /// </summary>
    /// <param name="theta">Parameters in fit space.</param>
    /// <param name="logX">ln x per point.</param>
    /// <param name="logX2">ln x2 per point (empty for one-variable laws).</param>
    /// <param name="logPrediction">Output: ln L per point.</param>
    /// <param name="jacobian">Output: (points x parameters) Jacobian, or empty to skip it.</param>
    public abstract void LogPredict(ReadOnlySpan<double> theta, ReadOnlySpan<double> logX, ReadOnlySpan<double> logX2,
        Span<double> logPrediction, Span<double> jacobian);

    /// <summary>Starting points for the multi-start fit, in natural units, chosen from the data's ranges.</summary>
    public abstract IReadOnlyList<double[]> StartingGrid(FitData data);

    /// <summary>The law at one point with the given natural-unit parameters.</summary>
    public double Evaluate(IReadOnlyList<double> parameters, double x, double x2 = double.NaN)
    {
        if (parameters.Count != Parameters.Count)
            throw new ArgumentException($"{Name} has {Parameters.Count} parameters ({string.Join(", ", ParameterNames)}); got {parameters.Count} values.", nameof(parameters));
        if (VariableCount == 2 && double.IsNaN(x2))
            throw new ArgumentException($"{Name} is a law of two variables; pass x2.", nameof(x2));
        Span<double> prediction = stackalloc double[1];
        ReadOnlySpan<double> logX2 = VariableCount == 2 ? [Math.Log(x2)] : [];
        LogPredict(ToFitSpace(parameters), [Math.Log(x)], logX2, prediction, []);
        return Math.Exp(prediction[0]);
    }

    /// <summary>Natural-unit parameters to fit space.</summary>
    public double[] ToFitSpace(IReadOnlyList<double> parameters)
    {
        var theta = new double[Parameters.Count];
        for (int i = 0; i < theta.Length; i++) theta[i] = Parameters[i].ToFitSpace(parameters[i]);
        return theta;
    }

    /// <summary>Fit-space parameters to natural units.</summary>
    public double[] ToNatural(ReadOnlySpan<double> theta)
    {
        var values = new double[Parameters.Count];
        for (int i = 0; i < values.Length; i++) values[i] = Parameters[i].FromFitSpace(theta[i]);
        return values;
    }

    /// <summary>The laws the CLI knows by name.</summary>
    public static IReadOnlyList<ScalingLaw> BuiltIn { get; } =
        [new PowerLaw(), new PowerLawPlusConstant(), new KaplanJointNd(), new KaplanLearningCurve(), new ChinchillaLoss(), new CriticalBatchSize()];

    /// <summary>A built-in law by its CLI name; a clear error listing the names otherwise.</summary>
    public static ScalingLaw ByName(string name) =>
        BuiltIn.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown law '{name}'. Use one of: {string.Join(", ", BuiltIn.Select(l => l.Name))}.", nameof(name));

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Formula}";

    /// <summary>Softmax weights of two log-terms and their log-sum-exp, computed stably.</summary>
    protected static double LogSumExp(double s1, double s2, out double p1, out double p2)
    {
        double m = Math.Max(s1, s2);
        double e1 = Math.Exp(s1 - m), e2 = Math.Exp(s2 - m), sum = e1 + e2;
        p1 = e1 / sum;
        p2 = e2 / sum;
        return m + Math.Log(sum);
    }

    /// <summary>Geometric midpoint of a positive range, as a log.</summary>
    protected static double LogMidpoint(IReadOnlyList<double> values) => 0.5 * (Math.Log(values.Min()) + Math.Log(values.Max()));

    /// <summary>Geometric mean of positive values, as a log.</summary>
    protected static double LogMean(IReadOnlyList<double> values) => values.Average(v => Math.Log(v));
}
