using ScalingLaws.Training;

namespace ScalingLaws.Experiments.Language;

/// <summary>The groups of the language sweep: which question each run answers.</summary>
public static class LanguageGroups
{
    /// <summary>L(N): models of many sizes on all the data, one long fixed schedule (Kaplan's setup).</summary>
    public const string Size = "size";
    /// <summary>Shape independence: about the same N at very different aspect ratios d_model / n_layer.</summary>
    public const string Shape = "shape";
    /// <summary>L(D) and L(N, D): fixed models on nested subsets of the data, early-stopped.</summary>
    public const string Data = "data";
    /// <summary>IsoFLOP runs: each trained exactly to its compute budget, warm-up and decay fitted to it (Chinchilla style).</summary>
    public const string Budget = "budget";
}

/// <summary>One finished run of the language sweep, with the group and budget its sweep entry gave it.</summary>
/// <param name="Id">The run's id in the sweep.</param>
/// <param name="Group">One of <see cref="LanguageGroups"/>.</param>
/// <param name="Result">The trainer's record.</param>
/// <param name="BudgetFlops">For <see cref="LanguageGroups.Budget"/> runs: the compute budget (FLOPs, head counted) it was sized for.</param>
public sealed record LanguageRun(string Id, string Group, RunResult Result, double? BudgetFlops)
{
    /// <summary>Kaplan's N: non-embedding parameters.</summary>
    public double N => Result.NonEmbeddingParams;

    /// <summary>The early-stopped (best) held-out loss, nats/token.</summary>
    public double BestValLoss => Result.BestValLoss ?? double.NaN;

    /// <summary>Kaplan's D: the tokens of data the run could draw from.</summary>
    public double DatasetTokens(long fullTrainTokens) => Result.Config.DatasetTokens ?? fullTrainTokens;

    /// <summary>
    /// The data that actually limited the run: the distinct tokens it is expected to have seen, D (1 - e^(-T/D)) for T
    /// tokens trained. The sampler draws windows at random starts, with replacement, so one pass's worth of windows
    /// (T = D) covers only 63% of the text; the rest the model knows nothing of. It tends to D when T is many times D
    /// and to T when T is a small fraction of D.
    /// </summary>
    public double EffectiveDatasetTokens(long fullTrainTokens)
    {
        double d = DatasetTokens(fullTrainTokens);
        return d * (1 - Math.Exp(-Result.Tokens / d));
    }

    /// <summary>Optimiser steps of learning-rate warm-up (given in steps or tokens).</summary>
    public long WarmupSteps => Result.Config.EffectiveSchedule.WarmupStepsFor(Result.Config.TokensPerStep);

    /// <summary>d_model / n_layer.</summary>
    public double AspectRatio => (double)Result.Config.Model.DModel / Result.Config.Model.NLayer;

    /// <summary>Whether the run finished (completed or early-stopped) rather than diverged.</summary>
    public bool Usable => Result.Status != RunStatus.Diverged && double.IsFinite(BestValLoss);

    /// <summary>The language view of an experiment's run.</summary>
    public static LanguageRun From(ExperimentRun run) => new(run.Id, run.Group, run.Result, run.BudgetFlops);
}
