using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>The polynomials module evaluate, modelled on mathematics_dataset's modules/polynomials.py.</summary>
public static class PolynomialsModules
{
    private static readonly string[] Templates = ["What is {f}?", "Calculate {f}.", "Give {f}.", "Determine {f}."];

    /// <summary>
    /// A polynomial of degree 1-3 at an integer: "Let k(c) = -c**2 + 3*c - 1. Give k(2)." → "1". As the original, the
    /// value and the input are drawn first (each up to a third of the entropy) and the coefficients, highest degree first,
    /// are chosen near the ones that hit the value, the constant term making it exact.
    /// </summary>
    public static MathModule Evaluate { get; } = new()
    {
        Name = "polynomials__evaluate",
        Sample = (rng, difficulty) =>
        {
            double entropy = difficulty.Entropy.Draw(rng);
            double valueEntropy = NumberSampler.Uniform(rng, 1, 1 + entropy / 3);
            entropy = Math.Max(0, entropy - valueEntropy);
            var value = NumberSampler.Integer(rng, valueEntropy, signed: true);
            double inputEntropy = NumberSampler.Uniform(rng, 1, 1 + entropy / 3);
            entropy = Math.Max(0, entropy - inputEntropy);
            var input = NumberSampler.Integer(rng, inputEntropy, signed: true);
            int degree = rng.Next(1, 4);
            var shares = NumberSampler.Dirichlet(rng, Enumerable.Range(1, degree).ToArray());
            var coefficients = new BigInteger[degree + 1];   // coefficients[k] multiplies x^k
            Rational target = value;
            for (int i = 0; i < degree; i++)
            {
                int power = degree - i;
                var coefficient = NumberSampler.Integer(rng, entropy * shares[i], signed: true);
                if (!input.IsZero) coefficient += (target / BigInteger.Pow(input, power)).RoundToInteger();
                if (coefficient.IsZero && i == 0) coefficient += NumberSampler.Coin(rng) ? 1 : -1;   // keep the degree
                coefficients[power] = coefficient;
                target -= coefficient * BigInteger.Pow(input, power);
            }
            coefficients[0] = target.Numerator;
            var (function, variable) = Letters.Two(rng);
            string f = $"{function}({input})";
            string question = $"Let {function}({variable}) = {Polynomial(coefficients, variable)}. " + NumberSampler.Choice(rng, Templates).Replace("{f}", f);
            return MathProblem.WithDigits(question, value.ToString());
        },
    };

    /// <summary>The polynomials modules.</summary>
    public static IReadOnlyList<MathModule> All { get; } = [Evaluate];

    /// <summary>A polynomial as sympy prints it, highest power first: "-x**3 + 2*x - 5"; zero terms left out.</summary>
    public static string Polynomial(IReadOnlyList<BigInteger> coefficients, string variable)
    {
        var text = new System.Text.StringBuilder();
        for (int power = coefficients.Count - 1; power >= 0; power--)
        {
            var c = coefficients[power];
            if (c.IsZero) continue;
            string monomial = power switch { 0 => "", 1 => variable, _ => $"{variable}**{power}" };
            var magnitude = BigInteger.Abs(c);
            string term = power == 0 ? magnitude.ToString() : magnitude.IsOne ? monomial : $"{magnitude}*{monomial}";
            if (text.Length == 0) text.Append(c.Sign < 0 ? "-" : "").Append(term);
            else text.Append(c.Sign < 0 ? " - " : " + ").Append(term);
        }
        return text.Length == 0 ? "0" : text.ToString();
    }
}
