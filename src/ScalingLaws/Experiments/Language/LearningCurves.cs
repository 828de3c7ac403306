using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>A point of a size run's learning curve.</summary>
public sealed record CurveSample(string Id, double NonEmbeddingParams, long Step, long Tokens, double LossNatsPerToken);

/// <summary>How many training tokens a model needed to first reach the target loss (null: it never did).</summary>
public sealed record TokensToTarget(string Id, double NonEmbeddingParams, double? Tokens);

/// <summary>
/// The learning curves of the size runs and Kaplan et al. 2020's L(N, S) = (N_c/N)^alpha_N + (S_c/S)^alpha_S (eq. 1.6)
/// fitted to them. Our batch is fixed and small, so S is the raw step count rather than S_min = S / (1 + B_crit/B).
/// Points inside warm-up are left out, as Kaplan does. Also: tokens each model needed to reach one loss, the
/// sample-efficiency result (larger models get there with less data).
/// </summary>
public sealed record LearningCurves(IReadOnlyList<CurveSample> Samples, FitResult Fit, double TargetLoss, IReadOnlyList<TokensToTarget> ToTarget)
{
    /// <summary>alpha_S.</summary>
    public double AlphaS => Fit["alpha_S"];

    /// <summary>S_c.</summary>
    public double SC => Fit["S_c"];

    /// <summary>The fewest and most steps among the fitted points.</summary>
    public (long First, long Last) FittedSteps => (Samples.Min(s => s.Step), Samples.Max(s => s.Step));

    /// <summary>
    /// Whether the fitted points span a decade of S or more. Kaplan's alpha_S comes from 2.5e5-step runs; a short run
    /// leaves only a narrow window after warm-up, over which the cosine decay, not the law, shapes the curve.
    /// </summary>
    public bool SpansADecade => FittedSteps.Last >= 10 * FittedSteps.First;

    /// <summary>Fits L(N, S) to the size runs' curves after warm-up.</summary>
    public static LearningCurves Analyse(IReadOnlyList<LanguageRun> runs)
    {
        var size = runs.Where(r => r.Group == LanguageGroups.Size && r.Usable).OrderBy(r => r.N).ToArray();
        var samples = size.SelectMany(r =>
        {
            long warmup = r.WarmupSteps;
            return r.Result.LearningCurve.Where(p => p.Step >= Math.Max(2 * warmup, 10) && double.IsFinite(p.ValLoss))
                .Select(p => new CurveSample(r.Id, r.N, p.Step, p.Tokens, p.ValLoss));
        }).ToArray();
        if (samples.Length < 6) throw new InvalidOperationException($"L(N, S) needs learning-curve points after warm-up; the size runs have {samples.Length}.");
        var data = new FitData(samples.Select(s => s.NonEmbeddingParams).ToArray(), samples.Select(s => s.LossNatsPerToken).ToArray(),
            x2: samples.Select(s => (double)s.Step).ToArray(), xName: "N", yName: "loss", x2Name: "S");
        var fit = ScalingLawFitter.Fit(new KaplanLearningCurve(), data);

        // The target: the best loss that all but the smallest model reached, so most curves cross it.
        double target = size.Length > 1 ? size.Skip(1).Max(r => r.BestValLoss) : size[0].BestValLoss;
        var toTarget = size.Select(r => new TokensToTarget(r.Id, r.N, FirstTokensBelow(r, target))).ToArray();
        return new LearningCurves(samples, fit, target, toTarget);
    }

    /// <summary>Tokens at which the held-out loss first fell to <paramref name="target"/>, interpolated in log tokens.</summary>
    private static double? FirstTokensBelow(LanguageRun r, double target)
    {
        var curve = r.Result.LearningCurve;
        for (int i = 0; i < curve.Count; i++)
        {
            if (!double.IsFinite(curve[i].ValLoss) || curve[i].ValLoss > target) continue;
            if (i == 0 || !double.IsFinite(curve[i - 1].ValLoss)) return curve[i].Tokens;
            double t = (curve[i - 1].ValLoss - target) / (curve[i - 1].ValLoss - curve[i].ValLoss);
            return Math.Exp(Math.Log(curve[i - 1].Tokens) + t * (Math.Log(curve[i].Tokens) - Math.Log(curve[i - 1].Tokens)));
        }
        return null;
    }
}
