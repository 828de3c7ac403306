namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// The arithmetic modules, modelled on mathematics_dataset's modules/arithmetic.py: their names, phrasings and answer
/// formats (sums and products of decimals as decimals; quotients of integers as an integer or a reduced fraction;
/// expressions as an integer or a reduced fraction).
/// </summary>
public static class ArithmeticModules
{
    /// <summary>
    /// add_or_sub draws at twice the entropy of the other modules: the original trains it on 4-16 against 3-10,
    /// interpolates at 12 against 8 and extrapolates at 16-20 against 10-12, since the budget is split over two numbers
    /// and adding is easier than multiplying.
    /// </summary>
    public const double AddSubEntropyScale = 2;

    private static readonly string[] AddTemplates =
    [
        "{p} + {q}", "{p}+{q}", "Work out {p} + {q}.", "Add {p} and {q}.", "Put together {p} and {q}.", "Sum {p} and {q}.",
        "Total of {p} and {q}.", "Add together {p} and {q}.", "What is {p} plus {q}?", "Calculate {p} + {q}.", "What is {p} + {q}?",
    ];

    private static readonly string[] SubtractTemplates =
    [
        "{p} - {q}", "Work out {p} - {q}.", "What is {p} minus {q}?", "What is {p} take away {q}?", "What is {q} less than {p}?",
        "Subtract {q} from {p}.", "Calculate {p} - {q}.", "What is {p} - {q}?",
    ];

    // Only when p >= q, so that p - q is the (non-negative) distance.
    private static readonly string[] DistanceTemplates =
    [
        "What is the distance between {p} and {q}?", "What is the distance between {q} and {p}?",
        "What is the difference between {p} and {q}?", "What is the difference between {q} and {p}?",
    ];

    private static readonly string[] MultiplyTemplates =
    [
        "{p}*{q}", "{p} * {q}", "Calculate {p}*{q}.", "Work out {p} * {q}.", "Multiply {p} and {q}.", "Product of {p} and {q}.",
        "What is the product of {p} and {q}?", "{p} times {q}", "What is {p} times {q}?",
    ];

    private static readonly string[] DivideTemplates =
        ["Divide {p} by {q}.", "{p} divided by {q}", "What is {p} divided by {q}?", "Calculate {p} divided by {q}."];

    private static readonly string[] ExpressionTemplates =
        ["{op}", "What is {op}?", "Evaluate {op}.", "Calculate {op}.", "What is the value of {op}?"];

    /// <summary>Adds or subtracts two integers or decimals: "What is -0.3 minus 12?" → "-12.3".</summary>
    public static MathModule AddOrSub { get; } = new()
    {
        Name = "arithmetic__add_or_sub",
        ExtrapolateName = "arithmetic__add_or_sub_big",
        Measure = ExtrapolationMeasure.Digits,
        Sample = (rng, difficulty) =>
        {
            var (p, q) = Pair(rng, AddSubEntropyScale * difficulty.Entropy.Draw(rng));
            if (NumberSampler.Coin(rng))
                return MathProblem.WithDigits(Fill(NumberSampler.Choice(rng, AddTemplates), p, q), (p.Value + q.Value).ToDecimalString());
            var templates = p.Value >= q.Value ? [.. SubtractTemplates, .. DistanceTemplates] : SubtractTemplates;
            return MathProblem.WithDigits(Fill(NumberSampler.Choice(rng, templates), p, q), (p.Value - q.Value).ToDecimalString());
        },
    };

    /// <summary>Multiplies two integers or decimals: "Multiply -0.4 and 12." → "-4.8".</summary>
    public static MathModule Mul { get; } = new()
    {
        Name = "arithmetic__mul",
        ExtrapolateName = "arithmetic__mul_big",
        Measure = ExtrapolationMeasure.Digits,
        Sample = (rng, difficulty) =>
        {
            var (p, q) = Pair(rng, difficulty.Entropy.Draw(rng));
            return MathProblem.WithDigits(Fill(NumberSampler.Choice(rng, MultiplyTemplates), p, q), (p.Value * q.Value).ToDecimalString());
        },
    };

    /// <summary>Divides two integers, half the time exactly: "Divide -56 by 7." → "-8"; "What is 6 divided by -4?" → "-3/2".</summary>
    public static MathModule Div { get; } = new()
    {
        Name = "arithmetic__div",
        ExtrapolateName = "arithmetic__div_big",
        Measure = ExtrapolationMeasure.Digits,
        Sample = (rng, difficulty) =>
        {
            var (answerEntropy, divisorEntropy) = NumberSampler.EntropyForPair(rng, difficulty.Entropy.Draw(rng));
            Rational q = NumberSampler.Integer(rng, divisorEntropy, signed: true, minAbs: 1);
            Rational p;
            if (NumberSampler.Coin(rng)) p = NumberSampler.Integer(rng, answerEntropy, signed: true) * q;   // a whole quotient
            else p = NumberSampler.Integer(rng, answerEntropy, signed: true);
            var question = Fill(NumberSampler.Choice(rng, DivideTemplates), new MathNumber(p, NumberStyle.Fraction), new MathNumber(q, NumberStyle.Fraction));
            return MathProblem.WithDigits(question, (p / q).ToString());
        },
    };

    /// <summary>Sums and differences of several integers: "Evaluate 1 + -4 + (-2 - -3)." → "-2".</summary>
    public static MathModule AddSubMultiple { get; } = ExpressionModule("arithmetic__add_sub_multiple", addSubtract: true, multiplyDivide: false);

    /// <summary>Products and quotients of several integers: "Calculate (-6)/(-8)*4/(-3)." → "-1".</summary>
    public static MathModule MulDivMultiple { get; } = ExpressionModule("arithmetic__mul_div_multiple", addSubtract: false, multiplyDivide: true);

    /// <summary>All four operations: "What is (2 - 5)*(-4)/6?" → "2".</summary>
    public static MathModule Mixed { get; } = ExpressionModule("arithmetic__mixed", addSubtract: true, multiplyDivide: true);

    /// <summary>The arithmetic modules in the original's (alphabetical) order.</summary>
    public static IReadOnlyList<MathModule> All { get; } = [AddOrSub, AddSubMultiple, Div, Mixed, Mul, MulDivMultiple];

    // The original's _calculate: the value takes a quarter of the entropy (at least 1), the operations the rest.
    // Values are integers where only sums are allowed and in every _longer module (the original draws _INT there),
    // otherwise an integer or a fraction with even odds.
    private static MathModule ExpressionModule(string name, bool addSubtract, bool multiplyDivide) => new()
    {
        Name = name,
        ExtrapolateName = name + "_longer",
        Measure = ExtrapolationMeasure.Terms,
        Sample = (rng, difficulty) =>
        {
            double entropy = difficulty.Entropy.Draw(rng);
            double valueEntropy = Math.Max(1, entropy / 4);
            double expressionEntropy = Math.Max(1, entropy - valueEntropy);
            bool integerValue = !multiplyDivide || difficulty.Regime == Regime.Extrapolation;
            Rational value = integerValue
                ? NumberSampler.Integer(rng, valueEntropy, signed: true)
                : NumberSampler.IntegerOrRational(rng, valueEntropy, signed: true).Value;
            var expression = ExpressionSampler.Sample(rng, value, difficulty.Terms.Draw(rng), expressionEntropy, addSubtract, multiplyDivide);
            string question = NumberSampler.Choice(rng, ExpressionTemplates).Replace("{op}", expression.ToString());
            return new MathProblem(question, expression.Value.ToString(), expression.Terms);
        },
    };

    private static (MathNumber P, MathNumber Q) Pair(Random rng, double entropy)
    {
        var (first, second) = NumberSampler.EntropyForPair(rng, entropy);
        return (NumberSampler.IntegerOrDecimal(rng, first, signed: true), NumberSampler.IntegerOrDecimal(rng, second, signed: true));
    }

    private static string Fill(string template, MathNumber p, MathNumber q) =>
        template.Replace("{p}", p.ToString()).Replace("{q}", q.ToString());
}
