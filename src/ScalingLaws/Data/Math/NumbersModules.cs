using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>The numbers modules, modelled on mathematics_dataset's modules/numbers.py: place values and rounding.</summary>
public static class NumbersModules
{
    private static readonly string[] RoundTemplates = ["Round {input} to {description}.", "What is {input} rounded to {description}?"];

    /// <summary>A digit of a positive integer: "What is the hundreds digit of 31859?" → "8".</summary>
    public static MathModule PlaceValue { get; } = new()
    {
        Name = "numbers__place_value",
        ExtrapolateName = "numbers__place_value_big",
        Measure = ExtrapolationMeasure.Digits,
        Sample = (rng, difficulty) =>
        {
            string integer = NumberSampler.Integer(rng, difficulty.Entropy.Draw(rng), signed: false, minAbs: 1).ToString();
            int place = rng.Next(1, integer.Length + 1);   // 1 = units
            string question = $"What is the {NumberWords.Place(place)} digit of {integer}?";
            return MathProblem.WithDigits(question, integer[^place].ToString());
        },
    };

    /// <summary>
    /// Rounds an integer or decimal to a power of ten, a number of decimal places or the nearest integer: "Round -3.6571 to
    /// two dps." → "-3.66". As the original, the answer (an integer times the power of ten) is drawn first and the input
    /// lies strictly within half a unit of it, so no question is a tie.
    /// </summary>
    public static MathModule RoundNumber { get; } = new()
    {
        Name = "numbers__round_number",
        ExtrapolateName = "numbers__round_number_big",
        Measure = ExtrapolationMeasure.Digits,
        Sample = (rng, difficulty) =>
        {
            double entropy = difficulty.Entropy.Draw(rng);
            int power = rng.Next(-7, 7);   // round to 10^power: -2 is two decimal places, 3 the nearest thousand
            double answerEntropy = 1 + rng.NextDouble() * entropy / 2;
            double remainderEntropy = Math.Max(1, entropy - answerEntropy);
            var integer = NumberSampler.Integer(rng, answerEntropy, signed: true);
            var divisor = BigInteger.Pow(10, (int)Math.Ceiling(remainderEntropy));
            // The remainder stays inside (-1/2, 1/2) of a unit, open on the side that would round away from the answer.
            var low = -divisor / 2 + (integer.Sign <= 0 ? 1 : 0);
            var high = divisor / 2 - (integer.Sign >= 0 ? 1 : 0);
            var remainder = NumberSampler.Uniform(rng, low, high);
            var scale = Rational.PowerOfTen(power);
            var input = (integer + new Rational(remainder, divisor)) * scale;
            var answer = (Rational)integer * scale;
            string question = NumberSampler.Choice(rng, RoundTemplates)
                .Replace("{input}", input.ToDecimalString()).Replace("{description}", Description(rng, power));
            return MathProblem.WithDigits(question, answer.ToDecimalString());
        },
    };

    /// <summary>The numbers modules in the original's (alphabetical) order.</summary>
    public static IReadOnlyList<MathModule> All { get; } = [PlaceValue, RoundNumber];

    // "the nearest 1000" or "the nearest one thousand"; "the nearest integer"; "2 decimal places", "one dp", "3 dps".
    private static string Description(Random rng, int power)
    {
        if (power > 0)
            return "the nearest " + (NumberSampler.Coin(rng) ? BigInteger.Pow(10, power).ToString() : NumberWords.PowerOfTen(power));
        if (power == 0 && NumberSampler.Coin(rng)) return "the nearest integer";
        int places = -power;
        string unit = NumberSampler.Coin(rng) ? "decimal place" : "dp";
        string count = NumberSampler.Coin(rng) ? NumberWords.Count(places) : places.ToString();
        return $"{count} {unit}{(places == 1 ? "" : "s")}";
    }
}
