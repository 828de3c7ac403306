namespace ScalingLaws.Data.Mathematics;

/// <summary>One generated question with its exact answer.</summary>
/// <param name="Question">The question, printable ASCII.</param>
/// <param name="Answer">The answer as the original writes it.</param>
/// <param name="Size">The module's extrapolation measure of this question (<see cref="ExtrapolationMeasure"/>): the
/// digits of its longest number, its number of terms or its number of items.</param>
public sealed record MathProblem(string Question, string Answer, int Size)
{
    /// <summary>A question measured by <see cref="NumberText.MostSignificantDigits"/> (the _big modules' measure).</summary>
    public static MathProblem WithDigits(string question, string answer) => new(question, answer, NumberText.MostSignificantDigits(question));
}
