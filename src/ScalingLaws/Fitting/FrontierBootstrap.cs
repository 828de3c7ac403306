namespace ScalingLaws.Fitting;

/// <summary>
/// Intervals for a law fitted to the compute frontier. Points along the frontier come from the same few runs, so they are
/// not independent: the bootstrap resamples whole runs, rebuilds the frontier from the runs drawn and refits, so the
/// interval says how much the law depends on which runs were trained.
/// </summary>
public static class FrontierBootstrap
{
    /// <summary>
    /// The envelope of <paramref name="curves"/> at <paramref name="budgets"/> from <paramref name="from"/> on (C in the
    /// curves' units, shown in <paramref name="unit"/>s: x = C / unit), as fit data.
    /// </summary>
    public static FitData EnvelopeData(IReadOnlyList<LearningCurve> curves, IReadOnlyList<double> budgets, double from, double unit)
    {
        var envelope = ComputeFrontier.Envelope(curves, budgets).Where(p => p.ComputeFlops >= from).ToArray();
        return new FitData(envelope.Select(p => p.ComputeFlops / unit).ToArray(), envelope.Select(p => p.LossNatsPerToken).ToArray(), xName: "C", yName: "loss");
    }

    /// <summary>Refits <paramref name="fit"/>'s law on the envelope of run resamples; a resample too thin to fit gives NaNs.</summary>
    public static BootstrapResult Run(FitResult fit, IReadOnlyList<LearningCurve> curves, IReadOnlyList<double> budgets, double from, double unit, BootstrapOptions? options = null)
    {
        options ??= new BootstrapOptions();
        var warmStart = fit.FitSpaceValues.ToArray();
        var serial = fit.Options with { Parallel = false };
        var samples = Bootstrap.Resample(BootstrapDesign.Points(curves.Count), options, counts =>
        {
            // A run drawn twice adds nothing to a minimum; a run not drawn is missing from it.
            var drawn = curves.Where((_, i) => counts[i] > 0).ToArray();
            try
            {
                var data = EnvelopeData(drawn, budgets, from, unit);
                if (data.Count <= fit.Law.Parameters.Count) return Enumerable.Repeat(double.NaN, fit.Law.Parameters.Count).ToArray();
                return fit.Law.ToNatural(ScalingLawFitter.FitTheta(fit.Law, data, serial, warmStart).Theta);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                return Enumerable.Repeat(double.NaN, fit.Law.Parameters.Count).ToArray();
            }
        });
        return new BootstrapResult(fit.Law, samples, options.ConfidenceLevel);
    }
}
