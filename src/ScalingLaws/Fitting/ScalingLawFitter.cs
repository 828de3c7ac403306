namespace ScalingLaws.Fitting;

/// <summary>
/// Fits a <see cref="ScalingLaw"/> to data in log space from many starts: every start is screened with a
/// short run, the best few are polished to convergence, and the lowest objective wins. Pure: arrays in,
/// a <see cref="FitResult"/> out; deterministic whether or not it runs in parallel.
/// </summary>
public static class ScalingLawFitter
{
    /// <summary>Fits <paramref name="law"/> to <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data does not suit the law (variables, too few points) or the options are unusable.</exception>
    public static FitResult Fit(ScalingLaw law, FitData data, FitOptions? options = null)
    {
        options ??= new FitOptions();
        Validate(law, data, options);
        var (lower, upper) = FitSpaceBounds(law, options);
        var starts = (options.Starts ?? law.StartingGrid(data)).Select(s => Box.Project(law.ToFitSpace(s), lower, upper)).ToArray();
        var best = Minimize(law, data, options, starts, lower, upper);
        return Summarise(law, data, options, best, starts.Length);
    }

    /// <summary>The fit-space minimum only (no summary statistics): what each bootstrap resample needs.</summary>
    internal static LocalMinimum FitTheta(ScalingLaw law, FitData data, FitOptions options, double[] warmStart)
    {
        var (lower, upper) = FitSpaceBounds(law, options);
        return Minimize(law, data, options, [Box.Project(warmStart, lower, upper)], lower, upper);
    }

    private static LocalMinimum Minimize(ScalingLaw law, FitData data, FitOptions options, double[][] starts, double[] lower, double[] upper)
    {
        bool polishAll = options.PolishCount == 0 || starts.Length <= options.PolishCount;
        double[][] polishFrom = starts;
        if (!polishAll)
        {
            var screened = RunAll(law, data, options, starts, lower, upper, options.ScreeningIterations);
            polishFrom = Enumerable.Range(0, starts.Length)
                .OrderBy(i => double.IsNaN(screened[i].Value) ? double.PositiveInfinity : screened[i].Value).ThenBy(i => i)
                .Take(options.PolishCount).Select(i => screened[i].Theta).ToArray();
        }
        var polished = RunAll(law, data, options, polishFrom, lower, upper, options.MaxIterations);
        var best = polished[0];
        foreach (var run in polished.Skip(1))
            if (run.Value < best.Value || double.IsNaN(best.Value)) best = run;
        if (!double.IsFinite(best.Value))
            throw new InvalidOperationException($"Every start gave a non-finite objective for {law.Name}; check that the data are in the law's domain or give Starts near the answer.");
        return best;
    }

    private static LocalMinimum[] RunAll(ScalingLaw law, FitData data, FitOptions options, double[][] starts, double[] lower, double[] upper, int iterations)
    {
        var results = new LocalMinimum[starts.Length];
        if (options.Parallel && starts.Length > 1)
            Parallel.For(0, starts.Length, () => new LawObjective(law, data, options),
                (i, _, objective) => { results[i] = RunOne(objective, options, starts[i], lower, upper, iterations); return objective; }, _ => { });
        else
        {
            var objective = new LawObjective(law, data, options);
            for (int i = 0; i < starts.Length; i++) results[i] = RunOne(objective, options, starts[i], lower, upper, iterations);
        }
        return results;
    }

    private static LocalMinimum RunOne(LawObjective objective, FitOptions options, double[] start, double[] lower, double[] upper, int iterations)
    {
        bool useLm = options.Method == FitMethod.LevenbergMarquardt
            || (options.Method == FitMethod.Auto && options.Objective == FitObjective.LeastSquares);
        return useLm
            ? LevenbergMarquardt.Minimize(objective.ResidualsAndJacobian, objective.PointCount, start, lower, upper, iterations, options.RelativeTolerance)
            : ProjectedLbfgs.Minimize(objective.ValueAndGradient, start, lower, upper, iterations, options.RelativeTolerance);
    }

    private static FitResult Summarise(ScalingLaw law, FitData data, FitOptions options, LocalMinimum best, int startCount)
    {
        var residuals = new LawObjective(law, data, options).LogResiduals(best.Theta);
        double sw = 0, swy = 0;
        for (int i = 0; i < data.Count; i++) { sw += data.Weights[i]; swy += data.Weights[i] * data.LogYValues[i]; }
        double meanLogY = swy / sw, ssRes = 0, ssTot = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ssRes += data.Weights[i] * residuals[i] * residuals[i];
            double centred = data.LogYValues[i] - meanLogY;
            ssTot += data.Weights[i] * centred * centred;
        }
        return new FitResult
        {
            Law = law,
            Values = law.ToNatural(best.Theta),
            FitSpaceValues = best.Theta,
            LogResiduals = residuals,
            R2Log = ssTot > 0 ? 1 - ssRes / ssTot : double.NaN,
            RmseLog = Math.Sqrt(ssRes / sw),
            ObjectiveValue = best.Value,
            Converged = best.Converged,
            Iterations = best.Iterations,
            StartsTried = startCount,
            StopReason = best.StopReason,
            Options = options,
        };
    }

    private static (double[] Lower, double[] Upper) FitSpaceBounds(ScalingLaw law, FitOptions options)
    {
        int p = law.Parameters.Count;
        var lower = new double[p];
        var upper = new double[p];
        for (int j = 0; j < p; j++)
        {
            var parameter = law.Parameters[j];
            if (options.Bounds is not null) parameter = parameter with { Lower = options.Bounds[j].Lower, Upper = options.Bounds[j].Upper };
            lower[j] = parameter.LowerInFitSpace;
            upper[j] = parameter.UpperInFitSpace;
            if (!(lower[j] < upper[j]))
                throw new ArgumentException($"Bounds of {parameter.Name} are [{parameter.Lower}, {parameter.Upper}]; the lower bound must be below the upper.");
        }
        return (lower, upper);
    }

    private static void Validate(ScalingLaw law, FitData data, FitOptions options)
    {
        options.Validate(law);
        if (law.VariableCount == 2 && !data.HasX2)
            throw new ArgumentException($"{law.Name} is a law of two variables ({law.Formula}); give the second variable (x2, --x2 on the command line).");
        if (law.VariableCount == 1 && data.HasX2)
            throw new ArgumentException($"{law.Name} is a law of one variable ({law.Formula}); drop the second variable.");
        int needed = law.Parameters.Count + 1;
        int used = data.Weights.Count(w => w > 0);
        if (used < needed)
            throw new ArgumentException($"{law.Name} has {law.Parameters.Count} parameters, so it needs at least {needed} points to fit; got {used}. Add runs or fit a law with fewer parameters.");
    }
}
