namespace ScalingLaws.Data.Mathematics;

/// <summary>A closed range of entropies (about the number of decimal digits of a number).</summary>
/// <param name="Min">Lowest entropy.</param>
/// <param name="Max">Highest entropy.</param>
public readonly record struct EntropyRange(double Min, double Max)
{
    /// <summary>A uniform draw from the range (the original's PreSampleArgs draws its entropy so).</summary>
    public double Draw(Random rng) => NumberSampler.Uniform(rng, Min, Max);

    /// <summary>"[2, 4]".</summary>
    public override string ToString() => $"[{Min}, {Max}]";
}

/// <summary>A closed range of counts (terms of an expression, items of a list).</summary>
/// <param name="Min">Fewest.</param>
/// <param name="Max">Most.</param>
public readonly record struct CountRange(int Min, int Max)
{
    /// <summary>A uniform draw from the range.</summary>
    public int Draw(Random rng) => rng.Next(Min, Max + 1);

    /// <summary>"[3, 5]".</summary>
    public override string ToString() => $"[{Min}, {Max}]";
}

/// <summary>Whether questions are drawn for training (and its held-out interpolate set) or for the extrapolate set.</summary>
public enum Regime
{
    /// <summary>The training distribution: train, val and interpolate.</summary>
    Training,

    /// <summary>Beyond it: larger numbers, more terms, more items.</summary>
    Extrapolation,
}

/// <summary>How hard the questions of one draw are: the entropy of a question and the counts of terms and items.</summary>
/// <param name="Regime">Training or extrapolation (the original's _longer questions have integer answers).</param>
/// <param name="Entropy">Entropy budget of one question.</param>
/// <param name="Terms">Integer constants in an arithmetic expression (add_sub_multiple, mul_div_multiple, mixed).</param>
/// <param name="Items">Numbers in a list (sort, kth_biggest, closest).</param>
public sealed record MathDifficulty(Regime Regime, EntropyRange Entropy, CountRange Terms, CountRange Items);
