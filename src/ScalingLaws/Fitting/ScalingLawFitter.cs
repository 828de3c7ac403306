namespace ScalingLaws.Fitting;

/// <summary>
/// Fits a <see cref="ScalingLaw"/> to data in log space from many starts: every start is screened with a
/// short run, the best few are polished to convergence, and the lowest objective wins. Pure: arrays in,
/// a <see cref="FitResult"/> out; deterministic whether or not it runs in parallel.
/// </summary>
public static class ScalingLawFitter
{
    /// <summary>Fits <paramref name="law"/> to <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data does not suit the law (variables, too few points or too few distinct
    /// x for its parameters, y that does not change) or the options are unusable.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge or ran off to a non-finite value: its numbers
    /// would be nonsense, so none are returned.</exception>
    public static FitResult Fit(ScalingLaw law, FitData data, FitOptions? options = null)
    {
        options ??= new FitOptions();
        Validate(law, data, options);
        var (lower, upper) = FitSpaceBounds(law, options);
        var starts = (options.Starts ?? law.StartingGrid(data)).Select(s => Box.Project(law.ToFitSpace(s), lower, upper)).ToArray();
        var best = Minimize(law, data, options, starts, lower, upper);
        return RequireTrustworthy(Summarise(law, data, options, best, starts.Length));
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

    private static FitResult RequireTrustworthy(FitResult fit)
    {
        var law = fit.Law;
        // A scale is fitted as its logarithm: 0 (or infinity) means the logarithm ran off without bound.
        int runaway = Enumerable.Range(0, law.Parameters.Count)
            .FirstOrDefault(j => !double.IsFinite(fit.Values[j]) || (law.Parameters[j].FitInLogSpace && !(fit.Values[j] > 0)), -1);
        if (runaway >= 0)
            throw new InvalidOperationException($"The {law.Name} fit ran off to {law.ParameterNames[runaway]} = {fit.Values[runaway]}: the data do not pin that parameter down " +
                $"(y barely changes with x, or the law's form does not match the data). Check the data, add points over a wider range of x, or fit a law with fewer parameters.");
        if (!double.IsFinite(fit.R2Log) || !double.IsFinite(fit.RmseLog))
            throw new InvalidOperationException($"The {law.Name} fit gives no finite goodness of fit (R^2 {fit.R2Log}, RMSE {fit.RmseLog}); check that y changes with x.");
        if (!fit.Converged)
            throw new InvalidOperationException($"The {law.Name} fit did not converge ({fit.StopReason}), so its parameters cannot be trusted. " +
                "Add points over a wider range of x, give FitOptions.Starts near the answer, or raise FitOptions.MaxIterations.");
        return fit;
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
        var used = Enumerable.Range(0, data.Count).Where(i => data.Weights[i] > 0).ToArray();
        if (used.Length < needed)
            throw new ArgumentException($"{law.Name} has {law.Parameters.Count} parameters, so it needs at least {needed} points to fit; got {used.Length}. Add runs or fit a law with fewer parameters.");
        RequireSpread(law, data, used);
    }

    // Points that repeat the same x say nothing about how y changes with x: a law needs as many distinct x (pairs
    // (x, x2) for a law of two variables) as it has parameters, each variable must vary, and so must y.
    private static void RequireSpread(ScalingLaw law, FitData data, int[] used)
    {
        int parameters = law.Parameters.Count;
        string names = string.Join(", ", law.ParameterNames);
        if (used.Select(i => data.Y[i]).Distinct().Count() == 1)
            throw new ArgumentException($"Every y is {data.Y[used[0]]}: a scaling law describes how y changes with x, and these do not change. Check the y column (the loss) and the data.");
        var xs = used.Select(i => data.X[i]).Distinct().ToArray();
        if (law.VariableCount == 1 && xs.Length < parameters)
            throw new ArgumentException($"{law.Name} has {parameters} parameters ({names}) but the points have only {xs.Length} distinct x ({string.Join(", ", xs.Select(v => v.ToString("G4")))}): " +
                "no fit can tell the parameters apart. Add points at other x, or fit a law with fewer parameters.");
        if (law.VariableCount == 2)
        {
            int x2s = used.Select(i => data.X2[i]).Distinct().Count();
            int pairs = used.Select(i => (data.X[i], data.X2[i])).Distinct().Count();
            if (xs.Length < 2 || x2s < 2)
                throw new ArgumentException($"{law.Name} is a law of two variables, but {(xs.Length < 2 ? "x" : "x2")} takes only one value: its terms in that variable cannot be fitted. Add points where it varies.");
            if (pairs < parameters)
                throw new ArgumentException($"{law.Name} has {parameters} parameters ({names}) but the points have only {pairs} distinct (x, x2) pairs: no fit can tell the parameters apart. Add points at other (x, x2).");
        }
    }
}
