namespace ScalingLaws.Fitting;

/// <summary>What the fit minimises over the log residuals r = ln y - ln L(x).</summary>
public enum FitObjective
{
    /// <summary>Sum of w r^2 / 2: the default, as Kaplan et al. and Henighan et al. fit.</summary>
    LeastSquares,

    /// <summary>Sum of w Huber_delta(r): Hoffmann et al. 2022 and Epoch AI's replication (delta = 1e-3).</summary>
    Huber,
}

/// <summary>The local optimiser polishing each start.</summary>
public enum FitMethod
{
    /// <summary>Levenberg-Marquardt for least squares, L-BFGS for Huber.</summary>
    Auto,

    /// <summary>Limited-memory BFGS with projection onto the bounds.</summary>
    Lbfgs,

    /// <summary>Levenberg-Marquardt with projection onto the bounds (least squares only).</summary>
    LevenbergMarquardt,
}

/// <summary>
/// How to fit: objective, optimiser, starts, bounds and stopping rules. Defaults fit least squares on log
/// loss from the law's own starting grid. Every start is first run for <see cref="ScreeningIterations"/>
/// iterations; the best <see cref="PolishCount"/> are then run to convergence (the answer equals polishing
/// every start whenever the winning basin is among those, which the bench checks on Chinchilla).
/// </summary>
public sealed record FitOptions
{
    /// <summary>Least squares (default) or Huber on log residuals.</summary>
    public FitObjective Objective { get; init; } = FitObjective.LeastSquares;

    /// <summary>Huber's delta, in log-loss units (Hoffmann et al. use 1e-3).</summary>
    public double HuberDelta { get; init; } = 1e-3;

    /// <summary>The local optimiser.</summary>
    public FitMethod Method { get; init; } = FitMethod.Auto;

    /// <summary>Starting points in natural units; null uses the law's <see cref="ScalingLaw.StartingGrid"/>.</summary>
    public IReadOnlyList<double[]>? Starts { get; init; }

    /// <summary>Per-parameter (lower, upper) bounds in natural units; null uses the law's.</summary>
    public IReadOnlyList<(double Lower, double Upper)>? Bounds { get; init; }

    /// <summary>How many of the best screened starts are run to convergence; 0 polishes every start.</summary>
    public int PolishCount { get; init; } = 10;

    /// <summary>Iterations each start gets before the best are chosen for polishing.</summary>
    public int ScreeningIterations { get; init; } = 30;

    /// <summary>Iteration cap of a polishing run.</summary>
    public int MaxIterations { get; init; } = 3000;

    /// <summary>Stop when an iteration improves the objective by less than this fraction of it.</summary>
    public double RelativeTolerance { get; init; } = 1e-13;

    /// <summary>Run the starts in parallel over cores (the result does not depend on it).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Huber on log loss with the given delta, as Hoffmann et al. 2022 fit approach 3.</summary>
    public static FitOptions Huber(double delta = 1e-3) => new() { Objective = FitObjective.Huber, HuberDelta = delta };

    /// <summary>Throws with the field and the fix when a setting is unusable.</summary>
    public void Validate(ScalingLaw law)
    {
        if (Objective == FitObjective.Huber && !(HuberDelta > 0))
            throw new ArgumentException($"HuberDelta is {HuberDelta}; it must be positive (Hoffmann et al. use 1e-3).");
        if (Objective == FitObjective.Huber && Method == FitMethod.LevenbergMarquardt)
            throw new ArgumentException("Levenberg-Marquardt minimises squares only; use Method = Lbfgs (or Auto) with the Huber objective.");
        if (PolishCount < 0) throw new ArgumentException($"PolishCount is {PolishCount}; use 0 (polish every start) or more.");
        if (ScreeningIterations < 1 || MaxIterations < 1) throw new ArgumentException("ScreeningIterations and MaxIterations must be at least 1.");
        if (Starts is not null)
        {
            if (Starts.Count == 0) throw new ArgumentException("Starts is empty; give at least one start or leave it null for the law's grid.");
            foreach (var s in Starts)
                if (s.Length != law.Parameters.Count)
                    throw new ArgumentException($"A start has {s.Length} values; {law.Name} needs {law.Parameters.Count} ({string.Join(", ", law.ParameterNames)}).");
        }
        if (Bounds is not null && Bounds.Count != law.Parameters.Count)
            throw new ArgumentException($"Bounds has {Bounds.Count} entries; {law.Name} needs {law.Parameters.Count} ({string.Join(", ", law.ParameterNames)}).");
    }
}
