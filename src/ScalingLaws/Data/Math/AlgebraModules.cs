using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>The algebra module linear_1d, modelled on mathematics_dataset's modules/algebra.py and sample/linear_system.py.</summary>
public static class AlgebraModules
{
    /// <summary>
    /// A linear equation in one unknown with an integer solution: "Solve -3*c + 2*c = 5 - 9 for c." → "4". As the
    /// original: the solution takes a quarter of the entropy; the equation a*x - a*s = 0 gets a nonzero coefficient
    /// a; each of a and a*s is written as a sum of one or more integers (a zero constant as none, or two or more that
    /// cancel), and every term goes to the left side, or negated to the right.
    /// </summary>
    public static MathModule Linear1d { get; } = new()
    {
        Name = "algebra__linear_1d",
        Sample = (rng, difficulty) =>
        {
            double entropy = difficulty.Entropy.Draw(rng);
            double solutionEntropy = Math.Max(1, entropy / 4);
            entropy = Math.Max(1, entropy - solutionEntropy);
            var solution = NumberSampler.Integer(rng, solutionEntropy, signed: true);
            double matrixShare = NumberSampler.Uniform(rng, 1.0 / 3, 2.0 / 3);
            BigInteger a;
            do a = NumberSampler.Integer(rng, Math.Max(1, entropy * matrixShare), signed: true);
            while (a.IsZero);
            BigInteger[] coefficients = [a, a * solution];   // a*x = a*s
            int nonZero = coefficients.Count(c => !c.IsZero);
            int minLength = nonZero + 1;
            int length = rng.Next(minLength, Math.Max(minLength, 1 + (int)(1 + entropy / 2)) + 1);
            var counts = TermCounts(rng, length, coefficients.Select(c => c.IsZero).ToArray());
            // The terms' entropy goes to the coefficients written with several terms, in proportion to their extra terms.
            var shares = counts.Any(c => c > 1) ? NumberSampler.Dirichlet(rng, counts.Select(c => Math.Max(0, c - 1)).ToArray()) : [0.0, 0.0];
            string variable = Letters.One(rng);
            var left = new List<(BigInteger Coefficient, bool HasVariable)>();
            var right = new List<(BigInteger Coefficient, bool HasVariable)>();
            for (int i = 0; i < 2; i++)
            {
                double termEntropy = counts[i] > 1 ? (1 - matrixShare) * entropy * shares[i] : 0;
                foreach (var term in IntegersWithSum(rng, coefficients[i], counts[i], termEntropy))
                {
                    // a*x on the left, or -a*x on the right; the constant a*s moves as -a*s.
                    var coefficient = i == 0 ? term : -term;
                    if (NumberSampler.Coin(rng)) left.Add((coefficient, i == 0));
                    else right.Add((-coefficient, i == 0));
                }
            }
            string question = $"Solve {Side(left, variable)} = {Side(right, variable)} for {variable}.";
            return MathProblem.WithDigits(question, solution.ToString());
        },
    };

    /// <summary>The algebra modules.</summary>
    public static IReadOnlyList<MathModule> All { get; } = [Linear1d];

    // "3*x - 5 + x", or "0" for an empty side; terms keep their order, none is zero.
    private static string Side(List<(BigInteger Coefficient, bool HasVariable)> terms, string variable)
    {
        if (terms.Count == 0) return "0";
        var text = new System.Text.StringBuilder();
        foreach (var (c, hasVariable) in terms)
        {
            var magnitude = BigInteger.Abs(c);
            string term = !hasVariable ? magnitude.ToString() : magnitude.IsOne ? variable : $"{magnitude}*{variable}";
            if (text.Length == 0) text.Append(c.Sign < 0 ? "-" : "").Append(term);
            else text.Append(c.Sign < 0 ? " - " : " + ").Append(term);
        }
        return text.ToString();
    }

    // How many terms write each coefficient: at least one for a nonzero, none or at least two (that cancel) for a zero,
    // `length` in all (the original's expanded_coefficient_counts).
    private static int[] TermCounts(Random rng, int length, bool[] isZero)
    {
        var counts = isZero.Select(z => z ? 0 : 1).ToArray();
        int extra = length - counts.Sum();
        // The extra terms go to coefficients at random.
        for (int i = 0; i < extra; i++) counts[rng.Next(counts.Length)]++;
        for (int i = 0; i < counts.Length; i++)
            if (isZero[i] && counts[i] == 1)
            {
                int to = Enumerable.Range(0, counts.Length).First(j => j != i && counts[j] >= 1);
                counts[i]--;
                counts[to]++;
            }
        return counts;
    }

    // `count` nonzero integers summing to `value`: random integers, then the shortfall spread evenly over them
    // (floor((delta + i) / count) for i = 0..count-1 sums to delta), redrawn while any term is zero.
    private static IEnumerable<BigInteger> IntegersWithSum(Random rng, BigInteger value, int count, double entropy)
    {
        if (count == 0) return [];
        if (count == 1) return [value];
        entropy *= count / (count - 1.0);   // (1, 1) and (2, 2) both normalise to the same terms
        double minEntropy = Math.Max(1, Math.Log10(5 * (double)BigInteger.Abs(value) / count + 1));
        while (true)
        {
            var shares = NumberSampler.Dirichlet(rng, Enumerable.Repeat(1, count).ToArray());
            var terms = shares.Select(s => NumberSampler.Integer(rng, Math.Max(minEntropy, entropy * s), signed: true)).ToArray();
            var delta = value - terms.Aggregate(BigInteger.Zero, (x, y) => x + y);
            for (int i = 0; i < count; i++) terms[i] += FloorDivide(delta + i, count);
            if (terms.Any(t => t.IsZero)) continue;
            return terms.OrderBy(_ => rng.Next()).ToArray();
        }
    }

    private static BigInteger FloorDivide(BigInteger a, int b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }
}
