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
            Estimate("Kaplan style", "fixed long schedule, frontier from learning curves, Kaplan's count: 6N + 6 n_layer n_ctx d_model per token, no embedding or head", frontierKaplan, bootstrap, EdgeOfLearningCurves),
            Estimate("head FLOPs counted", "same runs and frontier, FLOPs with the output head's matmul (Porian et al. step 1)", frontierHead, bootstrap, EdgeOfLearningCurves),
            Estimate("Chinchilla style", "IsoFLOP runs, warm-up and cosine fitted to each budget, head FLOPs counted", IsoFlopFrontier(iso), bootstrap, WhyNoIsoFlopFrontier(iso)),
            iso);
    }

    private static LearningCurve Curve(LanguageRun r, Func<Training.CurvePoint, double> flops)
    {
        var points = r.Result.LearningCurve.Where(p => p.Step > 0 && double.IsFinite(p.ValLoss)).ToArray();
        return new LearningCurve(r.N, points.Select(flops).ToArray(), points.Select(p => p.ValLoss).ToArray());
    }

    /// <summary>
    /// Per budget, the loss-minimising N from a least-squares parabola in log N (Hoffmann et al. 2022, approach 2) through
    /// the best run and up to two neighbours on each side: more than three points, so noise in one moves the vertex
    /// little, but not the far runs of a lopsided profile, which would drag it. Kept only when the best run is interior
    /// (Porian et al. 2024).
    /// </summary>
    public static IReadOnlyList<FrontierPoint> IsoFlopFrontier(IReadOnlyList<IsoFlopPoint> points)
    {
        var frontier = new List<FrontierPoint>();
        foreach (var profile in points.GroupBy(p => p.BudgetFlops))
        {
            var all = profile.OrderBy(p => p.NonEmbeddingParams).ToArray();
            int bestOfAll = ComputeFrontier.InteriorMinimum(all.Select(p => p.LossNatsPerToken).ToArray());
            if (bestOfAll < 0) continue;
            var byN = all[Math.Max(0, bestOfAll - 2)..Math.Min(all.Length, bestOfAll + 3)];
            int best = bestOfAll - Math.Max(0, bestOfAll - 2);
            double[] x = byN.Select(p => Math.Log(p.NonEmbeddingParams)).ToArray(), y = byN.Select(p => p.LossNatsPerToken).ToArray();
            var (a, b, c, centre) = Parabola(x, y);
            // A profile the parabola cannot hold (flat or bent the wrong way) keeps its best run.
            double logN = a > 0 ? Math.Clamp(centre - b / (2 * a), x[0], x[^1]) : x[best];
            double loss = a > 0 ? a * (logN - centre) * (logN - centre) + b * (logN - centre) + c : y[best];
            double flops = profile.Average(p => p.ComputeFlopsWithHead);
            // Tokens at the optimum: log D interpolated over log N between the runs that bracket it (FLOPs per
            // token with the head are not 6N, so C / 6N would overstate D for small models).
            int lo = Math.Min(Array.FindLastIndex(x, v => v <= logN), x.Length - 2);
            double t = (logN - x[lo]) / (x[lo + 1] - x[lo]);
            double tokens = Math.Exp((1 - t) * Math.Log(byN[lo].Tokens) + t * Math.Log(byN[lo + 1].Tokens));
            frontier.Add(new FrontierPoint(flops, Math.Exp(logN), tokens, loss));
        }
        return frontier.OrderBy(p => p.ComputeFlops).ToArray();
    }

    /// <summary>Least squares y = a (x - m)^2 + b (x - m) + c, with m the mean of x (centred for conditioning).</summary>
    private static (double A, double B, double C, double Centre) Parabola(double[] x, double[] y)
    {
        double m = x.Average();
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(x.Length, 3, (i, j) => Math.Pow(x[i] - m, 2 - j));
        var coefficients = design.QR().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(y));
        return (coefficients[0], coefficients[1], coefficients[2], m);
    }

    private static AllocationEstimate Estimate(string name, string description, IReadOnlyList<FrontierPoint> frontier, BootstrapOptions bootstrap,
        string whyEmpty) =>
        frontier.Count < 3
            ? new AllocationEstimate(name, description, frontier, null,
                $"only {frontier.Count} budget(s) had an interior loss minimum; N_opt(C) needs 3. {whyEmpty}")
            : new AllocationEstimate(name, description, frontier, ComputeFrontier.FitOptimalParams(frontier, bootstrap), frontier.Count < 5
                ? $"from only {frontier.Count} budgets: a bootstrap over so few points is unreliable (often too narrow); read the exponent as a rough value"
                : null);

    // Why a frontier from the size runs' learning curves comes out empty: every size run sees the same tokens, so at a
    // budget the smallest run still training wins unless a larger one overtakes it mid-run (Kaplan's 2.5e5 steps).
    private const string EdgeOfLearningCurves =
        "At the other budgets the best run was the smallest one still training: the size runs all stop at the same token count, " +
        "so a larger model overtakes a smaller one only if the smaller is trained well past its compute-optimal point; runs " +
        "many times longer than the compute-optimal length would move the minima inside";

    private static string WhyNoIsoFlopFrontier(IReadOnlyList<IsoFlopPoint> iso) => iso.Count == 0
        ? "The sweep has no finished IsoFLOP (group \"budget\") runs yet"
        : "At the other budgets the lowest loss was at the smallest or largest size trained there, or fewer than 3 sizes have finished; " +
          "a profile needs sizes on both sides of its minimum";
}
