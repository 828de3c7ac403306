namespace ScalingLaws.Data.Mathematics;

/// <summary>One question of a split, with its module.</summary>
/// <param name="Module">The module ("arithmetic__add_or_sub", or its extrapolate twin "arithmetic__add_or_sub_big").</param>
/// <param name="Question">The question.</param>
/// <param name="Answer">The answer.</param>
public sealed record MathQuestion(string Module, string Question, string Answer);

/// <summary>How one module's questions of one split were drawn (or read).</summary>
public sealed record MathModuleCounts
{
    /// <summary>Questions kept.</summary>
    public required int Questions { get; init; }

    /// <summary>Questions drawn (or read) in all, kept or not.</summary>
    public required int Drawn { get; init; }

    /// <summary>Held-out questions dropped because the training split holds the same question.</summary>
    public int DuplicatesOfTrainRemoved { get; init; }

    /// <summary>Questions dropped for being longer than 160 characters, or their answer longer than 30 (the original's limits).</summary>
    public int TooLongDropped { get; init; }

    /// <summary>Extrapolate questions dropped for being no larger (longer, with more items) than every training question.</summary>
    public int NotBeyondTrainingDropped { get; init; }

    /// <summary>The smallest extrapolation measure among the kept questions (null where none is measured).</summary>
    public int? SizeMin { get; init; }

    /// <summary>The largest extrapolation measure among the kept questions.</summary>
    public int? SizeMax { get; init; }
}

/// <summary>
/// Questions for training and testing: splits "train", "val", "interpolate" and "extrapolate", each a list of questions
/// with their module; the training module each extrapolate module extends; and per split and module what was kept and
/// dropped. Generated (<see cref="MathGenerator"/>) or read from the original's files (<see cref="OriginalMathFiles"/>).
/// </summary>
public sealed record MathQuestionSet
{
    /// <summary>The split names, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> SplitNames = ["train", "val", "interpolate", "extrapolate"];

    /// <summary>Questions per split.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<MathQuestion>> Splits { get; init; }

    /// <summary>Extrapolate module to training module ("arithmetic__add_or_sub_big" to "arithmetic__add_or_sub").</summary>
    public required IReadOnlyDictionary<string, string> ExtrapolatePairs { get; init; }

    /// <summary>Per split, per module: questions kept and dropped.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, MathModuleCounts>> Counts { get; init; }

    /// <summary>Held-out questions dropped because training holds the same question, all splits and modules together.</summary>
    public int DuplicatesRemoved => Counts.Values.SelectMany(m => m.Values).Sum(c => c.DuplicatesOfTrainRemoved);

    /// <summary>
    /// Subset names shared by all splits: the modules of train, val and interpolate, then the extrapolate modules not
    /// among them, each in the order first met.
    /// </summary>
    public IReadOnlyList<string> Subsets() =>
        SplitNames.Where(Splits.ContainsKey).SelectMany(s => Splits[s].Select(q => q.Module)).Distinct().ToArray();
}
