using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class CaptionEntropyTests
{
    [Fact]
    public void Digit_captions_carry_the_label_entropy_plus_the_template_entropy()
    {
        var uniform = Enumerable.Range(0, 10).Select(d => (0.1, DigitCaptions.Words(d)));
        var entropy = CaptionEntropy.Compute(DigitCaptions.Templates, uniform);
        // Five templates (1/5 each); four give 2 captions (name or numeral), one gives 3 x 3 x 2 = 18.
        double template = Math.Log(5) + 0.8 * Math.Log(2) + 0.2 * Math.Log(18);
        Assert.Equal(Math.Log(10), entropy.Description, 12);
        Assert.Equal(template, entropy.Template, 12);
        Assert.Equal(10 * (4 * 2 + 18), entropy.Captions);
        Assert.Equal(6, entropy.LongestCaption);   // "a picture of the digit seven"
        Assert.Contains("seven", entropy.Vocabulary);
        Assert.Contains("7", entropy.Vocabulary);
    }

    [Fact]
    public void The_caption_entropy_equals_a_brute_force_sum_over_every_caption()
    {
        var space = new SceneSpace(new SceneSettings { Kinds = 3, Colours = 2, Sizes = 2, Grid = 2, Backgrounds = 2, Described = ["kind", "colour", "position"] });
        var descriptions = space.DescriptionDistribution().ToArray();
        var p = new Dictionary<string, double>();
        foreach (var (pd, words) in descriptions)
            foreach (var (caption, pc) in SceneAttributes.Templates.Enumerate(words))
                p[string.Join(' ', caption)] = p.GetValueOrDefault(string.Join(' ', caption)) + pd * pc;
        double bruteForce = -p.Values.Sum(q => q * Math.Log(q));
        var entropy = CaptionEntropy.Compute(SceneAttributes.Templates, descriptions);
        Assert.Equal(bruteForce, entropy.Caption, 10);
        Assert.Equal(p.Count, entropy.Captions);
        Assert.True(entropy.Template > 1, $"the wording should add entropy, got {entropy.Template}");
    }

    [Fact]
    public void A_caption_shared_by_two_descriptions_is_refused()
    {
        var templates = new CaptionTemplates(["a {colour} square"]);
        IReadOnlyDictionary<string, IReadOnlyList<string[]>> Colour(params string[] words) =>
            new Dictionary<string, IReadOnlyList<string[]>> { ["colour"] = words.Select(w => new[] { w }).ToArray() };
        var error = Assert.Throws<InvalidOperationException>(() => CaptionEntropy.Compute(templates, [(0.5, Colour("red", "crimson")), (0.5, Colour("dark", "crimson"))]));
        Assert.Contains("a crimson square", error.Message);
    }
}
