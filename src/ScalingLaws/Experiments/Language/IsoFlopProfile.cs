namespace ScalingLaws.Experiments.Language;

/// <summary>One model size of an IsoFLOP profile: its runs (one per seed) and their mean final loss.</summary>
/// <param name="Runs">The runs of this size at this budget, one per seed.</param>
/// <param name="Loss">Mean final loss over the seeds, nats/token.</param>
/// <param name="Spread">Largest minus smallest loss over the seeds (0 with one seed).</param>
public sealed record IsoFlopSize(IReadOnlyList<LanguageRun> Runs, double Loss, double Spread)
{
    /// <summary>The first seed's run: size, tokens and compute are the same for every seed.</summary>
    public LanguageRun Run => Runs[0];

    /// <summary>How many seeds were trained at this size.</summary>
    public int Seeds => Runs.Count;
}

/// <summary>What an IsoFLOP profile says about its budget.</summary>
public enum ProfileVerdict
{
    /// <summary>The best size is neither the smallest nor the largest and beats both neighbours by more than twice the seed spread (when one is known).</summary>
    Interior,
    /// <summary>The best size is the smallest trained: the optimum lies below the sizes.</summary>
    EdgeSmallest,
    /// <summary>The best size is the largest trained: the optimum lies above the sizes.</summary>
    EdgeLargest,
    /// <summary>Interior, but a neighbour is within twice the seed spread of the best: which size is best is not resolved.</summary>
    NotSeparated,
    /// <summary>Fewer than three sizes finished.</summary>
    TooFewSizes,
}

/// <summary>
/// The loss-minimising model at one compute budget, interpolated between the two sizes that bracket the vertex of the
/// profile's parabola: position <see cref="Fraction"/> of the way, in log N, from <see cref="Below"/> to <see cref="Above"/>.
/// Any quantity of the sizes (N in any count, tokens, FLOPs per token) is interpolated the same way, in log space.
/// </summary>
/// <param name="Below">The bracketing size below the vertex.</param>
/// <param name="Above">The bracketing size above it.</param>
/// <param name="Fraction">Where the vertex lies between them, 0 to 1, in log N.</param>
/// <param name="Loss">The parabola's minimum, nats/token.</param>
public sealed record IsoFlopMinimum(LanguageRun Below, LanguageRun Above, double Fraction, double Loss)
{
    /// <summary>A quantity of the sizes interpolated log-linearly at the minimum.</summary>
    public double At(Func<LanguageRun, double> quantity) =>
        Math.Exp((1 - Fraction) * Math.Log(quantity(Below)) + Fraction * Math.Log(quantity(Above)));

    /// <summary>N_opt in <paramref name="convention"/>'s count.</summary>
    public double Params(ComputeConvention convention) => At(convention.Params);

    /// <summary>D_opt: tokens trained at the optimum.</summary>
    public double Tokens => At(r => r.Result.Tokens);

    /// <summary>The budget in <paramref name="convention"/>'s count: its FLOPs per token at the optimum times D_opt.</summary>
    public double Compute(ComputeConvention convention) => At(convention.FlopsPerToken) * Tokens;
}

/// <summary>
/// An IsoFLOP profile (Hoffmann et al. 2022, approach 2): the final loss of every size trained to one compute budget,
/// seeds averaged. Its minimum counts only where it is interior (Porian et al. 2024) and, where two seeds measured the
/// noise, where the best size beats both neighbours by more than twice the spread between seeds.
/// </summary>
/// <param name="BudgetFlops">The budget the runs were sized for (head counted).</param>
/// <param name="Sizes">The sizes, smallest first.</param>
/// <param name="Best">Index of the size with the lowest mean loss.</param>
/// <param name="SeedSpread">The spread between seeds this profile is judged against (NaN when none was measured).</param>
/// <param name="Verdict">Whether the minimum counts.</param>
/// <param name="Minimum">The interpolated minimum, for an interior best size (also when not separated); null at an edge.</param>
public sealed record IsoFlopProfile(double BudgetFlops, IReadOnlyList<IsoFlopSize> Sizes, int Best, double SeedSpread, ProfileVerdict Verdict, IsoFlopMinimum? Minimum)
{
    /// <summary>How much worse the next smaller size is than the best (NaN at an edge).</summary>
    public double MarginBelow => Best > 0 && Best < Sizes.Count ? Sizes[Best - 1].Loss - Sizes[Best].Loss : double.NaN;

    /// <summary>How much worse the next larger size is than the best (NaN at an edge).</summary>
    public double MarginAbove => Best >= 0 && Best < Sizes.Count - 1 ? Sizes[Best + 1].Loss - Sizes[Best].Loss : double.NaN;

    /// <summary>Whether a seed spread was known, so that the separation rule could be applied.</summary>
    public bool SeparationChecked => double.IsFinite(SeedSpread);

    /// <summary>Whether this budget's minimum counts: interior (and separated, where that could be checked).</summary>
    public bool Counts => Verdict == ProfileVerdict.Interior && Minimum is not null;

    /// <summary>The most passes over the data any run of the profile took.</summary>
    public double MostPasses(long trainTokens) => Sizes.Max(s => s.Run.Passes(trainTokens));

    /// <summary>One line for the notebook: the verdict and the numbers behind it.</summary>
    public string Describe(ComputeConvention axis) => Verdict switch
    {
        ProfileVerdict.TooFewSizes => $"C = {BudgetFlops:G3}: only {Sizes.Count} size(s) finished",
        ProfileVerdict.EdgeSmallest => $"C = {BudgetFlops:G3}: best is the smallest size ({Sizes[0].Run.Shape}): optimum below the sizes trained",
        ProfileVerdict.EdgeLargest => $"C = {BudgetFlops:G3}: best is the largest size ({Sizes[^1].Run.Shape}): optimum above the sizes trained",
        _ => $"C = {BudgetFlops:G3}: best {Sizes[Best].Run.Shape} beats its neighbours by {MarginBelow:F3} and {MarginAbove:F3} nats" +
             (SeparationChecked ? $" against twice the seed spread, {2 * SeedSpread:F3}: {(Verdict == ProfileVerdict.Interior ? "separated" : "NOT separated")}" : " (no seed pair to judge the noise)") +
             (Minimum is { } m ? $"; N_opt = {m.Params(axis):G3} ({axis.Name})" : ""),
    };
}
