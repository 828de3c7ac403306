using ScalingLaws.Fitting;

namespace ScalingLaws.Information;

/// <summary>
/// The model size (or compute) needed to bring the reducible loss D_KL down to a target, from a
/// power-law-plus-constant fit: (x_0/x)^alpha = target gives x = x_0 target^(-1/alpha). Henighan et al. 2020 (table 3)
/// use it to say how much compute 1 nat per 8x8 image of reducible loss needs:
/// <c>PublishedConstants.Henighan2020Table3["image8x8.reducible.C_0"]</c> PF-days.
/// </summary>
/// <param name="TargetReducibleLoss">The target D_KL, in the fit's loss units.</param>
/// <param name="X">The x (N or C) that reaches it.</param>
/// <param name="Interval">Bootstrap interval of that x, if a bootstrap was given.</param>
public sealed record ReducibleLossTarget(double TargetReducibleLoss, double X, ConfidenceInterval? Interval)
{
    /// <summary>Solves for x from a fit (and its bootstrap, for the interval).</summary>
    public static ReducibleLossTarget Solve(FitResult fit, double targetReducibleLoss, BootstrapResult? bootstrap = null)
    {
        EntropyDecomposition.RequirePowerLawPlusConstant(fit);
        if (!(targetReducibleLoss > 0))
            throw new ArgumentOutOfRangeException(nameof(targetReducibleLoss), $"The target reducible loss is {targetReducibleLoss}; it must be positive (the entropy L_inf itself is never reached).");
        return new ReducibleLossTarget(targetReducibleLoss, XFor(fit.Values, targetReducibleLoss),
            bootstrap?.IntervalOf(p => XFor(p, targetReducibleLoss)));
    }

    private static double XFor(IReadOnlyList<double> p, double target) => p[1] * Math.Pow(target, -1 / p[2]);
}
