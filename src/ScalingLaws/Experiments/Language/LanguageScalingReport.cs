using ScalingLaws.Fitting;
using ScalingLaws.Reference;

namespace ScalingLaws.Experiments.Language;

/// <summary>One fitted constant of ours beside the paper's.</summary>
public sealed record ConstantComparison(string Symbol, string Meaning, double Ours, string OursInterval, double Kaplan);

/// <summary>
/// Every analysis of notebook 01 over one language sweep: L(N), shape, L(D) and L(N, D), L(N, S), compute frontier and
/// N_opt(C) three ways, critical batch size, transfer; each part fails on its own (its error is kept) so one thin part of
/// a small sweep does not hide the others.
/// </summary>
public sealed class LanguageScalingReport
{
    private LanguageScalingReport() { }

    /// <summary>The runs analysed.</summary>
    public required IReadOnlyList<LanguageRun> Runs { get; init; }

    /// <summary>L(N).</summary>
    public required SizeScaling Size { get; init; }

    /// <summary>Shape independence, or null (see <see cref="Problems"/>).</summary>
    public ShapeIndependence? Shape { get; init; }

    /// <summary>L(D) and L(N, D), or null.</summary>
    public DataScaling? Data { get; init; }

    /// <summary>L(N, S), or null.</summary>
    public LearningCurves? Curves { get; init; }

    /// <summary>Compute frontier and N_opt(C), or null.</summary>
    public ComputeScaling? Compute { get; init; }

    /// <summary>B_crit(L), or null.</summary>
    public CriticalBatch? Batch { get; init; }

    /// <summary>Transfer to another distribution, or null.</summary>
    public Transfer? Transfer { get; init; }

    /// <summary>Why a part is missing: part name to message.</summary>
    public required IReadOnlyDictionary<string, string> Problems { get; init; }

    /// <summary>Runs that diverged (recorded, not analysed).</summary>
    public IReadOnlyList<LanguageRun> Diverged => Runs.Where(r => !r.Usable).ToArray();

    /// <summary>Analyses the runs; <paramref name="fullTrainTokens"/> is the size of train.bin (D for runs that used all of it).</summary>
    public static LanguageScalingReport Analyse(IReadOnlyList<LanguageRun> runs, long fullTrainTokens, BootstrapOptions? bootstrap = null)
    {
        bootstrap ??= new BootstrapOptions(Resamples: 500, Seed: 0);
        var problems = new Dictionary<string, string>();
        var size = SizeScaling.Analyse(runs, bootstrap);
        return new LanguageScalingReport
        {
            Runs = runs,
            Size = size,
            Shape = Try("shape", problems, () => ShapeIndependence.Analyse(runs, size.Fit)),
            Data = Try("data", problems, () => DataScaling.Analyse(runs, fullTrainTokens, bootstrap)),
            Curves = Try("learning curves", problems, () => LearningCurves.Analyse(runs)),
            Compute = Try("compute", problems, () => ComputeScaling.Analyse(runs, bootstrap)),
            Batch = Try("critical batch", problems, () => CriticalBatch.Analyse(runs, bootstrap)),
            Transfer = Try("transfer", problems, () => Language.Transfer.Analyse(runs)),
            Problems = problems,
        };
    }

    private static T? Try<T>(string part, Dictionary<string, string> problems, Func<T> analyse) where T : class
    {
        try
        {
            return analyse();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            problems[part] = e.Message;
            return null;
        }
    }

    /// <summary>Our fitted constants beside Kaplan et al. 2020's, read from data/reference/kaplan2020.csv.</summary>
    public IReadOnlyList<ConstantComparison> Constants()
    {
        var kaplan = PublishedConstants.Kaplan2020;
        var rows = new List<ConstantComparison>
        {
            new("alpha_N", "L(N) exponent", Size.AlphaN, Size.AlphaNInterval.ToString(), kaplan["alpha_N"]),
            new("N_c", "L(N) scale (non-embedding params)", Size.NC, Size.Bootstrap.Intervals["x_c"].ToString(), kaplan["N_c"]),
        };
        if (Data is { } d)
        {
            rows.Add(new("alpha_D", "L(D) exponent", d.AlphaD, d.AlphaDInterval.ToString(), kaplan["alpha_D"]));
            rows.Add(new("D_c", "L(D) scale (tokens)", d.LdFit["x_c"], d.LdBootstrap.Intervals["x_c"].ToString(), kaplan["D_c"]));
            rows.Add(new("alpha_D (joint)", "alpha_D of the joint L(N, D) fit", d.JointAlphaD, "", kaplan["LND.alpha_D"]));
            rows.Add(new("alpha_N/alpha_D", "overfitting exponent in N^a/D", d.OverfitExponent, "", kaplan["overfit_exponent"]));
        }
        if (Compute?.LossFrontierFit is { } c)
        {
            // Our runs keep one batch size, so this is L(C) at a fixed batch: Kaplan's fixed-batch fit is the like for
            // like (their L(C_min), alpha_C_min and C_c_min, first converts each run to the critical batch size).
            rows.Add(new("alpha_C", "L(C) exponent, fixed batch (Kaplan's fixed-batch fit)", c["alpha"], "", kaplan["alpha_C"]));
            rows.Add(new("C_c", "L(C) scale, fixed batch (PF-days)", c["x_c"], "", kaplan["C_c"]));
        }
        if (Compute?.KaplanStyle.OptimalParams is { } a)
            rows.Add(new("a (N_opt ~ C^a)", "compute-optimal size exponent, Kaplan style", a.Exponent, a.ExponentInterval.ToString(), kaplan["N_opt.exponent"]));
        if (Curves is { } s)
        {
            rows.Add(new("alpha_S", s.SpansADecade ? "L(N,S) step exponent"
                : $"L(N,S) step exponent; fitted over S = {s.FittedSteps.First}-{s.FittedSteps.Last} only, mostly the learning-rate decay: not comparable", s.AlphaS, "", kaplan["LNS.alpha_S"]));
            rows.Add(new("S_c", "L(N,S) step scale (raw S, not S_min)", s.SC, "", kaplan["LNS.S_c"]));
        }
        if (Batch?.Fit is not null)
        {
            rows.Add(new("alpha_B", "B_crit(L) exponent (interval resamples whole runs)", Batch.AlphaB, Batch.AlphaBInterval?.ToString() ?? "", kaplan["alpha_B"]));
            rows.Add(new("B_star", "B_crit(L) scale (tokens)", Batch.BStar, "", kaplan["B_star"]));
        }
        return rows;
    }
}
