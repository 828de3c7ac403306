using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One way of reading the compute-optimal model size off the sweep, and what it gives.</summary>
/// <param name="Name">Which method (e.g. "Kaplan style").</param>
/// <param name="Description">How the frontier was found and compute counted.</param>
/// <param name="Frontier">The compute-efficient frontier: at each budget, the interpolated best size and loss.</param>
/// <param name="OptimalParams">N_opt(C) = k C^a with a bootstrap interval; null when fewer than 3 budgets had an interior minimum.</param>
/// <param name="Note">Why <paramref name="OptimalParams"/> is missing, when it is.</param>
public sealed record AllocationEstimate(string Name, string Description, IReadOnlyList<FrontierPoint> Frontier, AllocationLaw? OptimalParams, string? Note);

/// <summary>One budget run's final loss: a point of an IsoFLOP profile.</summary>
public sealed record IsoFlopPoint(string Id, double BudgetFlops, double NonEmbeddingParams, double ComputeFlopsWithHead, double LossNatsPerToken, double Tokens);

/// <summary>
/// Compute: every size run's learning curve against compute, the compute-efficient frontier, L(C) = (C_c / C)^alpha_C
/// over it (Kaplan et al. 2020, eq. 1.3, at the fixed batch our runs use rather than converted to C_min), and N_opt(C) three ways, after Porian et al. 2024, to show where
/// Kaplan's 0.73 and Chinchilla's 0.5 part: (1) Kaplan style: one long fixed schedule for every size, frontier from
/// intermediate points of the learning curves, embedding and head FLOPs not counted; (2) the same runs with the head's
/// FLOPs counted; (3) Chinchilla style: IsoFLOP runs trained exactly to their budget with warm-up and cosine decay
/// fitted to it, head FLOPs counted, minimum per budget interpolated over log N.
/// </summary>
public sealed record ComputeScaling(
    IReadOnlyList<LearningCurve> CurvesKaplanFlops, IReadOnlyList<FrontierPoint> FrontierKaplan,
    IReadOnlyList<FrontierPoint> Envelope, IReadOnlyList<FrontierPoint> EnvelopeFitted, FitResult? LossFrontierFit,
    AllocationEstimate KaplanStyle, AllocationEstimate HeadFlopsCounted, AllocationEstimate ChinchillaStyle, IReadOnlyList<IsoFlopPoint> IsoFlop)
{
    /// <summary>FLOPs in one PF-day (10^15 FLOP/s for a day), the unit of Kaplan's and Henighan's compute axes.</summary>
    public const double FlopsPerPfDay = 8.64e19;

    /// <summary>Fewest envelope budgets L(C) is fitted to.</summary>
    public const int MinimumEnvelopePoints = 4;

    /// <summary>alpha_C of L(C) over the frontier (fixed batch), or NaN when the envelope was too short to fit.</summary>
    public double AlphaC => LossFrontierFit?["alpha"] ?? double.NaN;

    /// <summary>Builds the frontiers and fits from the size and budget runs.</summary>
    public static ComputeScaling Analyse(IReadOnlyList<LanguageRun> runs, BootstrapOptions bootstrap, int budgets = 16)
    {
        var size = runs.Where(r => r.Group == LanguageGroups.Size && r.Usable).OrderBy(r => r.N).ToArray();
        var kaplanCurves = size.Select(r => Curve(r, p => p.ComputeFlops)).ToArray();
        var headCurves = size.Select(r => Curve(r, p => p.ComputeFlopsWithHead)).ToArray();
        var frontierKaplan = ComputeFrontier.Find(kaplanCurves, ComputeFrontier.LogSpacedBudgets(kaplanCurves, budgets));
        var frontierHead = ComputeFrontier.Find(headCurves, ComputeFrontier.LogSpacedBudgets(headCurves, budgets));
        var envelope = kaplanCurves.Length > 0
            ? ComputeFrontier.Envelope(kaplanCurves, ComputeFrontier.LogSpacedBudgets(kaplanCurves, 2 * budgets))
            : [];
        // L(C) is fitted from the end of the smallest run on: below that the envelope is that one run's learning
        // curve (warm-up included) and says nothing about the trade between sizes.
        double contestFrom = kaplanCurves.Length > 0 ? kaplanCurves[0].ComputeFlops[^1] : double.PositiveInfinity;
        var fitted = envelope.Where(p => p.ComputeFlops >= contestFrom).ToArray();
        FitResult? lossFit = fitted.Length >= MinimumEnvelopePoints
            ? ScalingLawFitter.Fit(new PowerLaw(), new FitData(fitted.Select(p => p.ComputeFlops / FlopsPerPfDay).ToArray(),
                fitted.Select(p => p.LossNatsPerToken).ToArray(), xName: "C (PF-days)", yName: "loss"))
            : null;

        var iso = runs.Where(r => r.Group == LanguageGroups.Budget && r.Usable && r.BudgetFlops is not null)
            .Select(r => new IsoFlopPoint(r.Id, r.BudgetFlops!.Value, r.N, r.Result.ComputeFlopsWithHead, r.Result.FinalValLoss ?? r.BestValLoss, r.Result.Tokens))
            .OrderBy(p => p.BudgetFlops).ThenBy(p => p.NonEmbeddingParams).ToArray();

        return new ComputeScaling(kaplanCurves, frontierKaplan, envelope, fitted, lossFit,
            Estimate("Kaplan style", "fixed long schedule, frontier from learning curves, Kaplan's count: 6N + 6 n_layer n_ctx d_model per token, no embedding or head", frontierKaplan, bootstrap),
            Estimate("head FLOPs counted", "same runs and frontier, FLOPs with the output head's matmul (Porian et al. step 1)", frontierHead, bootstrap),
            Estimate("Chinchilla style", "IsoFLOP runs, warm-up and cosine fitted to each budget, head FLOPs counted", IsoFlopFrontier(iso), bootstrap),
            iso);
    }

    private static LearningCurve Curve(LanguageRun r, Func<Training.CurvePoint, double> flops)
    {
        var points = r.Result.LearningCurve.Where(p => p.Step > 0 && double.IsFinite(p.ValLoss)).ToArray();
        return new LearningCurve(r.N, points.Select(flops).ToArray(), points.Select(p => p.ValLoss).ToArray());
    }

    /// <summary>
    /// Per budget, the loss-minimising N from a parabola in log N through the best run and its neighbours, kept only
    /// when the minimum is interior (Hoffmann et al. 2022, approach 2; Porian et al. 2024).
    /// </summary>
    public static IReadOnlyList<FrontierPoint> IsoFlopFrontier(IReadOnlyList<IsoFlopPoint> points)
    {
        var frontier = new List<FrontierPoint>();
        foreach (var profile in points.GroupBy(p => p.BudgetFlops))
        {
            var byN = profile.OrderBy(p => p.NonEmbeddingParams).ToArray();
            if (byN.Length < 3) continue;
            int best = Array.IndexOf(byN, byN.MinBy(p => p.LossNatsPerToken)!);
            if (best == 0 || best == byN.Length - 1) continue;
            var three = byN[(best - 1)..(best + 2)];
            double[] x = three.Select(p => Math.Log(p.NonEmbeddingParams)).ToArray(), y = three.Select(p => p.LossNatsPerToken).ToArray();
            // Vertex of the parabola through three points.
            double d1 = (y[1] - y[0]) / (x[1] - x[0]), d2 = (y[2] - y[1]) / (x[2] - x[1]);
            double curvature = (d2 - d1) / (x[2] - x[0]);
            double logN = curvature > 0 ? 0.5 * (x[0] + x[1]) - d1 / (2 * curvature) : x[1];
            logN = Math.Clamp(logN, x[0], x[2]);
            double loss = y[1] + d1 * (logN - x[1]) + curvature * (logN - x[0]) * (logN - x[1]);
            double c = profile.Average(p => p.ComputeFlopsWithHead);
            // Tokens at the optimum: log D interpolated over log N between the runs that bracket it (FLOPs per
            // token with the head are not 6N, so C / 6N would overstate D for small models).
            int lo = logN <= x[1] ? 0 : 1;
            double t = (logN - x[lo]) / (x[lo + 1] - x[lo]);
            double tokens = Math.Exp((1 - t) * Math.Log(three[lo].Tokens) + t * Math.Log(three[lo + 1].Tokens));
            frontier.Add(new FrontierPoint(c, Math.Exp(logN), tokens, loss));
        }
        return frontier.OrderBy(p => p.ComputeFlops).ToArray();
    }

    private static AllocationEstimate Estimate(string name, string description, IReadOnlyList<FrontierPoint> frontier, BootstrapOptions bootstrap) =>
        frontier.Count switch
        {
            >= 5 => new AllocationEstimate(name, description, frontier, ComputeFrontier.FitOptimalParams(frontier, bootstrap), null),
            >= 3 => new AllocationEstimate(name, description, frontier, ComputeFrontier.FitOptimalParams(frontier, bootstrap),
                $"from only {frontier.Count} budgets: resampling so few points makes the interval far too narrow; read the exponent as a rough value"),
            _ => new AllocationEstimate(name, description, frontier, null,
                $"only {frontier.Count} budget(s) had an interior loss minimum; N_opt(C) needs 3. At every other budget the best run was the smallest " +
                "(or largest) one there: a larger preset spans more sizes and budgets"),
        };
}
