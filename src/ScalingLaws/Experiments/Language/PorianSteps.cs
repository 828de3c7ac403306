using ScalingLaws.Fitting;
using ScalingLaws.Reference;

namespace ScalingLaws.Experiments.Language;

/// <summary>One step from Kaplan's setup to Chinchilla's, measured on our own models.</summary>
/// <param name="Number">1 to 5, in Porian et al.'s order.</param>
/// <param name="Step">What the step changes.</param>
/// <param name="Runs">Which runs and which method find the minima.</param>
/// <param name="Allocation">N_opt(C) in the step's convention, with its interval.</param>
/// <param name="PublishedRefinedWeb">Porian et al.'s exponent after this step, on RefinedWeb (data/reference/porian2024.csv).</param>
/// <param name="PublishedOpenWebText2">The same on OpenWebText2.</param>
public sealed record PorianStep(int Number, string Step, string Runs, OptimalAllocation Allocation, double PublishedRefinedWeb, double PublishedOpenWebText2)
{
    /// <summary>Budgets whose minimum counted.</summary>
    public int Budgets => Allocation.Points.Count;

    /// <summary>Whether the step rests on at least <see cref="PorianSteps.MinimumBudgets"/> budgets.</summary>
    public bool Enough => Budgets >= PorianSteps.MinimumBudgets && Allocation.Params is not null;
}

/// <summary>
/// Porian et al. 2024's steps from Kaplan et al.'s N_opt ~ C^0.73 to Chinchilla's C^0.5, each an arm of our own sweep:
/// (1) Kaplan's setup: one long fixed warm-up and a long cosine, the frontier read off every size's learning curve,
/// N non-embedding and the head's FLOPs not counted; (2) the same runs with the head's parameters and FLOPs counted;
/// (3) warm-up scaled to the model (N_total tokens) on the same long schedule; (4) a cosine matched to each budget,
/// IsoFLOP runs with the untuned settings (fixed batch, Kaplan's learning rate); (5) batch chosen per budget, learning
/// rate and AdamW beta2 tuned (Porian et al. also drop the decay there; we keep the cosine matched to the budget). Every
/// step counts interior minima only; intervals come from <see cref="OptimalAllocation"/>'s bootstrap with the seed noise.
/// </summary>
public static class PorianSteps
{
    /// <summary>Fewest budgets a step's exponent should rest on (issue 14: each arm at 4 budgets or more).</summary>
    public const int MinimumBudgets = 4;

    /// <summary>The five steps, from the runs of the language sweep.</summary>
    public static IReadOnlyList<PorianStep> Analyse(IReadOnlyList<LanguageRun> runs, double seedSigma, BootstrapOptions options)
    {
        var porian = PublishedConstants.Porian2024;
        IReadOnlyList<LanguageRun> Group(string group) => runs.Where(r => r.Group == group && r.Usable).ToArray();
        PorianStep Step(int number, string step, string how, string key, ComputeConvention convention,
            Func<Func<LanguageRun, double>?, IReadOnlyList<OptimalPoint?>> frontier) =>
            new(number, step, how, OptimalAllocation.Fit(convention, frontier, seedSigma, options), porian[$"refinedweb.{key}"], porian[$"openwebtext2.{key}"]);

        var converged = Group(LanguageGroups.Converged);
        var warmup = Group(LanguageGroups.WarmupShort);
        var untuned = Group(LanguageGroups.Budget);
        var tuned = Group(LanguageGroups.IsoFlop);
        return
        [
            Step(1, "Kaplan's setup", "converged runs' learning curves (long fixed warm-up, long cosine)", "kaplan_reproduction",
                ComputeConvention.Kaplan, CurveFrontier.Frontier(converged, ComputeConvention.Kaplan)),
            Step(2, "+ head FLOPs counted", "the same curves, N and C with the head", "head_flops",
                ComputeConvention.HeadCounted, CurveFrontier.Frontier(converged, ComputeConvention.HeadCounted)),
            Step(3, "+ warm-up scaled to the model", "learning curves with N_total tokens of warm-up, same long cosine", "warmup_scaled",
                ComputeConvention.HeadCounted, CurveFrontier.Frontier(warmup, ComputeConvention.HeadCounted)),
            Step(4, "+ cosine matched to each budget", "IsoFLOP profiles, untuned (fixed batch, Kaplan's learning rate, beta2 0.99)", "cosine_matched",
                ComputeConvention.HeadCounted, OptimalAllocation.IsoFlop(untuned, ComputeConvention.HeadCounted)),
            Step(5, "+ batch, learning rate and beta2 tuned", "IsoFLOP profiles, batch per budget, tuned learning rate and beta2", "tuned",
                ComputeConvention.HeadCounted, OptimalAllocation.IsoFlop(tuned, ComputeConvention.HeadCounted)),
        ];
    }
}
