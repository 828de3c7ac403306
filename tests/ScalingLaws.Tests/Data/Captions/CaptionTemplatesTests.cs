using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class CaptionTemplatesTests
{
    private static readonly CaptionTemplates Templates = new(["[a|one] {colour} square", "{position} [there is|we see] a {colour} square"]);

    private static IReadOnlyDictionary<string, IReadOnlyList<string[]>> Red(bool described = true) => new Dictionary<string, IReadOnlyList<string[]>>
    {
        ["colour"] = [["red"], ["scarlet"]],
        ["position"] = described ? [["on", "the", "left"]] : [[]],
    };

    [Fact]
    public void Enumeration_lists_every_caption_with_probabilities_that_sum_to_one()
    {
        var captions = Templates.Enumerate(Red()).ToArray();
        // Template 1: 2 articles x 2 colour words; template 2: 2 openers x 2 colour words; each template 1/2.
        Assert.Equal(8, captions.Length);
        Assert.Equal(8, Templates.CountPaths(Red()));
        Assert.Equal(1.0, captions.Sum(c => c.Probability), 12);
        Assert.All(captions, c => Assert.Equal(1.0 / 8, c.Probability, 12));
        Assert.Contains(captions, c => string.Join(' ', c.Words) == "on the left we see a scarlet square");
        Assert.Equal(["colour", "position"], Templates.Attributes);
    }

    [Fact]
    public void Sampling_draws_captions_with_their_enumerated_probabilities()
    {
        var expected = Templates.Enumerate(Red(described: false)).GroupBy(c => string.Join(' ', c.Words)).ToDictionary(g => g.Key, g => g.Sum(c => c.Probability));
        var rng = new Random(4);
        const int Draws = 40_000;
        var counts = Enumerable.Range(0, Draws).Select(_ => string.Join(' ', Templates.Sample(Red(described: false), rng))).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.Keys.Order(), counts.Keys.Order());
        foreach (var (caption, p) in expected)
        {
            double se = Math.Sqrt(p * (1 - p) / Draws);
            Assert.InRange((double)counts[caption] / Draws, p - 5 * se, p + 5 * se);
        }
        // An undescribed position leaves no words: "there is a red square".
        Assert.Contains("there is a red square", counts.Keys);
    }

    [Fact]
    public void Bad_templates_and_missing_attributes_are_refused_with_the_reason()
    {
        Assert.Contains("never closed", Assert.Throws<ArgumentException>(() => new CaptionTemplates(["a [red|blue square"])).Message);
        var missing = Assert.Throws<ArgumentException>(() => Templates.Enumerate(new Dictionary<string, IReadOnlyList<string[]>> { ["colour"] = [["red"]] }).ToArray());
        Assert.Contains("{position}", missing.Message);
        Assert.Equal(["a", "b", "c"], new CaptionTemplates(["a [|x] b [c]"]).Enumerate(new Dictionary<string, IReadOnlyList<string[]>>()).First().Words);
    }
}
