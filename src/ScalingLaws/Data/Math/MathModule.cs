namespace ScalingLaws.Data.Mathematics;

/// <summary>What makes an extrapolate question harder than every training question of its module.</summary>
public enum ExtrapolationMeasure
{
    /// <summary>Larger numbers (the original's _big modules): significant digits of the longest number in the question.</summary>
    Digits,

    /// <summary>More terms (the original's _longer modules): integer constants in the expression.</summary>
    Terms,

    /// <summary>More items (the original's _more modules): numbers in the list.</summary>
    Items,
}

/// <summary>One kind of question, named as in mathematics_dataset (<c>arithmetic__add_or_sub</c>), with its extrapolate twin.</summary>
public sealed record MathModule
{
    /// <summary>The training (and interpolate) module, "area__module".</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The extrapolate module, "area__module_big" (or _longer, _more); null for a module the original has no extrapolate
    /// test for (polynomials__evaluate, algebra__linear_1d), whose numbers are too many and too small to grow all at once.
    /// </summary>
    public string? ExtrapolateName { get; init; }

    /// <summary>What the extrapolate module has more of (null without one).</summary>
    public ExtrapolationMeasure? Measure { get; init; }

    /// <summary>Draws one question at a difficulty.</summary>
    public required Func<Random, MathDifficulty, MathProblem> Sample { get; init; }
}
