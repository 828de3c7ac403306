namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// The comparison modules, modelled on mathematics_dataset's modules/comparison.py: lists of distinct integers,
/// fractions and decimals to sort, to pick the k-th biggest or smallest from, or to find the one closest to a target;
/// half the pick questions are multiple choice, answered by a letter.
/// </summary>
public static class ComparisonModules
{
    /// <summary>Sorts a list: "Sort -2, 0.4, 5 in decreasing order." → "5, 0.4, -2".</summary>
    public static MathModule Sort { get; } = new()
    {
        Name = "comparison__sort",
        ExtrapolateName = "comparison__sort_more",
        Measure = ExtrapolationMeasure.Items,
        Sample = (rng, difficulty) =>
        {
            double entropy = difficulty.Entropy.Draw(rng);
            // Sometimes integers only, which fit more items in a short question (as the original).
            var values = DistinctValues(rng, entropy, difficulty.Items.Draw(rng), integersOnly: NumberSampler.Coin(rng));
            string list = string.Join(", ", values);
            bool ascending = NumberSampler.Coin(rng);
            string direction = ascending ? NumberSampler.Choice(rng, ["ascending", "increasing"]) : NumberSampler.Choice(rng, ["descending", "decreasing"]);
            var templates = new List<string> { $"Sort {list} in {direction} order.", $"Put {list} in {direction} order." };
            if (ascending) templates.Add($"Sort {list}.");
            var sorted = ascending ? values.OrderBy(v => v.Value) : values.OrderByDescending(v => v.Value);
            return new MathProblem(NumberSampler.Choice(rng, templates), string.Join(", ", sorted), values.Count);
        },
    };

    /// <summary>The k-th biggest or smallest: "What is the second smallest value in 3, -1/2, 0.4?" → "0.4".</summary>
    public static MathModule KthBiggest { get; } = new()
    {
        Name = "comparison__kth_biggest",
        ExtrapolateName = "comparison__kth_biggest_more",
        Measure = ExtrapolationMeasure.Items,
        Sample = (rng, difficulty) =>
        {
            var values = DistinctValues(rng, difficulty.Entropy.Draw(rng), difficulty.Items.Draw(rng), integersOnly: false);
            var sorted = values.OrderBy(v => v.Value).ToList();
            int k = rng.Next(1, values.Count + 1);
            bool biggest = NumberSampler.Coin(rng);
            var answer = biggest ? sorted[^k] : sorted[k - 1];
            string adjective = (k > 1 ? NumberWords.Ordinal(k) + " " : "") + (biggest ? "biggest" : "smallest");
            return NumberSampler.Coin(rng)
                ? Choices(values, answer, $"Which is the {adjective} value?")
                : new MathProblem($"What is the {adjective} value in {string.Join(", ", values)}?", answer.ToString(), values.Count);
        },
    };

    /// <summary>The item closest to a target: "Which is the nearest to 1/3?  (a) 0.2  (b) -2  (c) 5" → "a".</summary>
    public static MathModule Closest { get; } = new()
    {
        Name = "comparison__closest",
        ExtrapolateName = "comparison__closest_more",
        Measure = ExtrapolationMeasure.Items,
        Sample = (rng, difficulty) =>
        {
            double entropy = difficulty.Entropy.Draw(rng);
            int count = difficulty.Items.Draw(rng);
            // The original splits the entropy 1 : count between the target and the list.
            var split = NumberSampler.Dirichlet(rng, [1, count]);
            var target = NumberSampler.IntegerOrRationalOrDecimal(rng, entropy * split[0]);
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                var values = Entropies(rng, entropy * split[1], count).Select(e => NumberSampler.IntegerOrRationalOrDecimal(rng, e)).ToList();
                var distances = values.Select(v => (v.Value - target.Value).Abs()).ToList();
                if (distances.Distinct().Count() < count) continue;   // a unique closest item, and no repeated distances
                var answer = values[distances.IndexOf(distances.Min())];
                string adjective = NumberSampler.Choice(rng, ["closest", "nearest"]);
                return NumberSampler.Coin(rng)
                    ? Choices(values, answer, $"Which is the {adjective} to {target}?")
                    : new MathProblem($"What is the {adjective} to {target} in {string.Join(", ", values)}?", answer.ToString(), count);
            }
            throw new InvalidOperationException($"comparison__closest: found no {count} numbers at different distances from {target} at entropy {entropy:F2}.");
        },
    };

    /// <summary>The comparison modules in the original's (alphabetical) order.</summary>
    public static IReadOnlyList<MathModule> All { get; } = [Closest, KthBiggest, Sort];

    // A multiple-choice question: "Which is ...?  (a) 3  (b) -2", answered by the letter.
    private static MathProblem Choices(IReadOnlyList<MathNumber> values, MathNumber answer, string stem)
    {
        string choices = string.Concat(values.Select((v, i) => $"  ({(char)('a' + i)}) {v}"));
        int index = values.ToList().IndexOf(answer);
        return new MathProblem(stem + choices, ((char)('a' + index)).ToString(), values.Count);
    }

    // The original's _unique_values: the entropy spread over the items by a flat Dirichlet, at least 1 each, redrawn
    // until the values are distinct.
    private static List<MathNumber> DistinctValues(Random rng, double entropy, int count, bool integersOnly)
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var values = Entropies(rng, entropy, count).Select(e => integersOnly
                ? new MathNumber(NumberSampler.Integer(rng, e, signed: true), NumberStyle.Fraction)
                : NumberSampler.IntegerOrRationalOrDecimal(rng, e)).ToList();
            if (values.Select(v => v.Value).Distinct().Count() == count) return values;
        }
        throw new InvalidOperationException($"Found no {count} distinct values at entropy {entropy:F2}; raise the entropy or lower the item count.");
    }

    private static IEnumerable<double> Entropies(Random rng, double entropy, int count) =>
        NumberSampler.Dirichlet(rng, Enumerable.Repeat(1, count).ToArray()).Select(share => Math.Max(1, entropy * share));
}
