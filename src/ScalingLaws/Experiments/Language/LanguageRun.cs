using ScalingLaws.Training;

namespace ScalingLaws.Experiments.Language;

/// <summary>The groups of the language sweep: which question each run answers.</summary>
public static class LanguageGroups
{
    /// <summary>Fixed-step curves: every size for the same 3M tokens and one schedule (notebook 01's first edition): step-limited, not converged.</summary>
    public const string Size = "size";
    /// <summary>Shape at fixed N or fixed total parameters: very different aspect ratios d_model / n_layer, fixed steps.</summary>
    public const string Shape = "shape";
    /// <summary>L(N) converged: early-stopped on the whole validation split after as many passes as it takes; also Porian et al.'s Kaplan-style arm.</summary>
    public const string Converged = "converged";
    /// <summary>L(N, D): models on nested subsets of the data, early-stopped.</summary>
    public const string Data = "data";
    /// <summary>Porian et al.'s warm-up step: the converged runs' long schedule with a warm-up scaled to the model.</summary>
    public const string WarmupShort = "warmup-short";
    /// <summary>IsoFLOP runs with cosine matched to each budget and untuned settings (fixed batch, Kaplan's learning rate, beta2 0.99).</summary>
    public const string Budget = "budget";
    /// <summary>IsoFLOP runs with batch chosen per budget and learning rate and beta2 tuned: the Chinchilla-style profiles.</summary>
    public const string IsoFlop = "isoflop";
    /// <summary>The learning-rate, beta2 and batch tuning runs behind <see cref="IsoFlop"/>'s settings.</summary>
    public const string Tune = "tune";
}

/// <summary>One finished run of the language sweep, with the group, budget and tags its sweep entry gave it.</summary>
/// <param name="Id">The run's id in the sweep.</param>
/// <param name="Group">One of <see cref="LanguageGroups"/>.</param>
/// <param name="Result">The trainer's record.</param>
/// <param name="BudgetFlops">For IsoFLOP runs: the compute budget (FLOPs, head counted) it was sized for.</param>
/// <param name="Tags">The sweep entry's descriptive tags (e.g. an arm), if any.</param>
public sealed record LanguageRun(string Id, string Group, RunResult Result, double? BudgetFlops, IReadOnlyDictionary<string, string>? Tags = null)
{
    /// <summary>Kaplan's N: non-embedding parameters.</summary>
    public double N => Result.NonEmbeddingParams;

    /// <summary>All parameters, embeddings, position table and output head included (Chinchilla's count).</summary>
    public double TotalParams => Result.TotalParams;

    /// <summary>
    /// Non-embedding parameters plus the output head (d_model x vocabulary): the parameters whose FLOPs are counted once
    /// the head is (Porian et al. 2024's count; the input embedding is a lookup and costs no FLOPs).
    /// </summary>
    public double HeadParams => Result.NonEmbeddingParams + (double)Result.Config.Model.DModel * Result.Config.Model.VocabSize;

    /// <summary>The early-stopped (best) held-out loss of the learning curve, nats/token.</summary>
    public double BestValLoss => Result.BestValLoss ?? double.NaN;

    /// <summary>
    /// The loss on the whole validation split after training (the early-stopped model when early stopping was on), from
    /// the final evaluation; the best loss of the learning curve (a fixed sample of the split) when the run had none.
    /// </summary>
    public double FinalLoss => Result.FinalEvaluation?.TryGetValue("val", out var val) == true ? val.NatsPerToken : BestValLoss;

    /// <summary>Whether <see cref="FinalLoss"/> comes from a final evaluation rather than the learning curve's sample.</summary>
    public bool HasFinalEvaluation => Result.FinalEvaluation?.ContainsKey("val") == true;

    /// <summary>Windows of the validation split the final evaluation scored (0 without one): every window unless the preset capped them.</summary>
    public int FinalEvaluationWindows => Result.FinalEvaluation?.TryGetValue("val", out var val) == true ? val.Examples : 0;

    /// <summary>Kaplan's D: the tokens of data the run could draw from.</summary>
    public double DatasetTokens(long fullTrainTokens) => Result.Config.DatasetTokens is { } d ? Math.Min(d, fullTrainTokens) : fullTrainTokens;

    /// <summary>Passes over the data the run could draw from: tokens trained on divided by <see cref="DatasetTokens"/>.</summary>
    public double Passes(long fullTrainTokens) => Result.Tokens / DatasetTokens(fullTrainTokens);

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

    /// <summary>"L2-d64": the model's depth and width.</summary>
    public string Shape => $"L{Result.Config.Model.NLayer}-d{Result.Config.Model.DModel}";

    /// <summary>The run's seed.</summary>
    public long Seed => Result.Config.Seed;

    /// <summary>Whether the run finished (completed or early-stopped) rather than diverged.</summary>
    public bool Usable => Result.Status != RunStatus.Diverged && double.IsFinite(BestValLoss);

    /// <summary>The regime the run ended in (<paramref name="fullTrainTokens"/>: the training split's tokens).</summary>
    public RunRegime Regime(long fullTrainTokens) => RunRegime.Of(Result, (long)DatasetTokens(fullTrainTokens));

    /// <summary>A tag of the sweep entry, or null.</summary>
    public string? Tag(string name) => Tags?.TryGetValue(name, out var value) == true ? value : null;

    /// <summary>The language view of an experiment's run.</summary>
    public static LanguageRun From(ExperimentRun run) =>
        new(run.Id, run.Group, run.Result, run.BudgetFlops,
            run.RunConfig["tags"] is System.Text.Json.Nodes.JsonObject tags ? tags.ToDictionary(t => t.Key, t => t.Value?.ToString() ?? "") : null);
}
