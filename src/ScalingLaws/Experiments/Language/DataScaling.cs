using ScalingLaws.Fitting;

namespace ScalingLaws.Experiments.Language;

/// <summary>One run's early-stopped loss at its model size and dataset size.</summary>
public sealed record DataPoint(string Id, double NonEmbeddingParams, double DatasetTokens, double LossNatsPerToken);

/// <summary>The overfitting penalty of one run: its loss over the joint fit's infinite-data loss, minus one.</summary>
public sealed record OverfitPoint(string Id, double NonEmbeddingParams, double DatasetTokens, double Ratio, double Penalty);

/// <summary>
/// L(D) = (D_c / D)^alpha_D for the largest model trained on nested subsets (Kaplan et al. 2020, eq. 1.2; it flattens
/// where the model's size rather than the data binds, so on small models it understates alpha_D), and the
/// joint L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D (eq. 1.5) over every run; the overfitting penalty
/// L(N, D) / L(N, inf) - 1 depends on N and D only through N^(alpha_N/alpha_D) / D.
/// </summary>
public sealed record DataScaling(
    IReadOnlyList<DataPoint> LdPoints, FitResult LdFit, BootstrapResult LdBootstrap,
    IReadOnlyList<DataPoint> JointPoints, FitResult JointFit, IReadOnlyList<OverfitPoint> Overfitting)
{
    /// <summary>alpha_D of the L(D) fit.</summary>
    public double AlphaD => LdFit["alpha"];

    /// <summary>Its bootstrap interval.</summary>
    public ConfidenceInterval AlphaDInterval => LdBootstrap.Intervals["alpha"];

    /// <summary>alpha_D of the joint L(N, D) fit, which models the size limit (Kaplan's joint fit: 0.103).</summary>
    public double JointAlphaD => JointFit["alpha_D"];

    /// <summary>The exponent of N in the overfitting variable, alpha_N / alpha_D (Kaplan: 0.74).</summary>
    public double OverfitExponent => JointFit["alpha_N"] / JointFit["alpha_D"];

    /// <summary>
    /// Fits both laws; <paramref name="fullTrainTokens"/> is D for runs that used all of train.bin. D is the data that
    /// limited each run: the distinct tokens of its subset it is expected to have seen (<see cref="LanguageRun.EffectiveDatasetTokens"/>).
    /// </summary>
    public static DataScaling Analyse(IReadOnlyList<LanguageRun> runs, long fullTrainTokens, BootstrapOptions bootstrap)
    {
        var data = runs.Where(r => r.Group == LanguageGroups.Data && r.Usable).ToArray();
        if (data.Length == 0) throw new InvalidOperationException("The sweep has no finished data runs (group \"data\").");
        // The largest model with at least 3 finished dataset sizes (a sweep still running may have only started the next).
        var bySize = data.GroupBy(r => r.N).OrderByDescending(g => g.Key).ToArray();
        var chosen = bySize.FirstOrDefault(g => g.Select(r => r.DatasetTokens(fullTrainTokens)).Distinct().Count() >= 3)
            ?? throw new InvalidOperationException($"L(D) needs at least 3 dataset sizes for one model; the data runs have " +
                string.Join(", ", bySize.Select(g => $"{g.Count()} for N = {g.Key:N0}")) + ".");
        var ld = chosen.Select(r => Point(r, fullTrainTokens)).OrderBy(p => p.DatasetTokens).ToArray();
        var ldData = new FitData(ld.Select(p => p.DatasetTokens).ToArray(), ld.Select(p => p.LossNatsPerToken).ToArray(), xName: "D", yName: "loss");
        var ldFit = ScalingLawFitter.Fit(new PowerLaw(), ldData);

        var joint = runs.Where(r => r.Usable && r.Group is LanguageGroups.Data or LanguageGroups.Size)
            .Select(r => Point(r, fullTrainTokens)).ToArray();
        var jointData = new FitData(joint.Select(p => p.NonEmbeddingParams).ToArray(), joint.Select(p => p.LossNatsPerToken).ToArray(),
            x2: joint.Select(p => p.DatasetTokens).ToArray(), xName: "N", yName: "loss", x2Name: "D");
        var jointFit = ScalingLawFitter.Fit(new KaplanJointNd(), jointData);
        double nc = jointFit["N_c"], alphaN = jointFit["alpha_N"], alphaD = jointFit["alpha_D"];
        var overfit = joint.Select(p => new OverfitPoint(p.Id, p.NonEmbeddingParams, p.DatasetTokens,
                Math.Pow(p.NonEmbeddingParams, alphaN / alphaD) / p.DatasetTokens,
                p.LossNatsPerToken / Math.Pow(nc / p.NonEmbeddingParams, alphaN) - 1))
            .OrderBy(p => p.Ratio).ToArray();
        return new DataScaling(ld, ldFit, Fitting.Bootstrap.Run(ldFit, ldData, bootstrap), joint, jointFit, overfit);
    }

    private static DataPoint Point(LanguageRun r, long fullTrainTokens) => new(r.Id, r.N, r.EffectiveDatasetTokens(fullTrainTokens), r.BestValLoss);
}
