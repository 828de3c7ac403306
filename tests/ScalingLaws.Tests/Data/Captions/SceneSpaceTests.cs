using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class SceneSpaceTests
{
    private static readonly SceneSettings Small = new() { Kinds = 3, Colours = 2, Sizes = 2, Grid = 2, Backgrounds = 2, Noise = 0, Described = ["kind", "colour", "position"] };

    [Fact]
    public void Caption_image_information_equals_brute_force_over_every_caption_and_image()
    {
        // Without noise the images are the renders, so I(C; X) = Σ p(c, x) ln p(c, x) / (p(c) p(x)) can be summed over
        // every caption and image: p(c, x) = Σ_s p(s) p(c | d(s)) [r(s) = x]. The formula works with descriptions instead
        // (I(C; X) = I(D; X)); at 3 pixels a circle renders as a square, so H(D | R) > 0 is part of the test.
        var space = new SceneSpace(Small);
        var joint = new Dictionary<(string, string), double>();
        for (int s = 0; s < space.Scenes.Count; s++)
        {
            string image = Convert.ToBase64String(space.Render(space.Scenes[s]));
            foreach (var (words, pc) in SceneAttributes.Templates.Enumerate(space.Words(space.Describe(space.Scenes[s]))))
            {
                var key = (string.Join(' ', words), image);
                joint[key] = joint.GetValueOrDefault(key) + space.Probabilities[s] * pc;
            }
        }
        var pc_ = joint.GroupBy(j => j.Key.Item1).ToDictionary(g => g.Key, g => g.Sum(j => j.Value));
        var px = joint.GroupBy(j => j.Key.Item2).ToDictionary(g => g.Key, g => g.Sum(j => j.Value));
        double bruteForce = joint.Sum(j => j.Value * Math.Log(j.Value / (pc_[j.Key.Item1] * px[j.Key.Item2])));

        var info = space.Source.Information(samples: 100, seed: 1);
        Assert.True(info.DescriptionGivenRender > 0.01, "some kinds should render alike at 3 pixels");
        Assert.Equal(0, info.StandardError);
        Assert.Equal(bruteForce, info.MutualInformation, 9);
        Assert.Equal(1.0, space.Probabilities.Sum(), 12);
    }

    [Fact]
    public void Default_scenes_carry_at_least_three_nats_and_leave_the_image_open()
    {
        // The requirements: exact MI of at least 3 nats and H(image | caption) > 0.
        var info = new SceneSpace(new SceneSettings()).Source.Information(samples: 100, seed: 1);
        Assert.InRange(info.MutualInformation, 3, info.DescriptionEntropy);
        Assert.True(info.ImageGivenDescription > 100, $"H(image | caption) = {info.ImageGivenDescription}");
        Assert.Equal(0, info.Samples);   // the default colours lie beyond the default noise: an exact sum
    }

    [Fact]
    public void Every_kind_draws_its_own_mask_at_the_large_size()
    {
        var space = new SceneSpace(new SceneSettings { Colours = 1, Backgrounds = 1 });
        var large = space.Scenes.Where(s => s.Size == 1 && s.Left == 0 && s.Top == 0).Select(s => Convert.ToBase64String(space.Render(s))).ToArray();
        Assert.Equal(SceneAttributes.Kinds.Count, large.Length);
        Assert.Equal(large.Length, large.Distinct().Count());
    }

    [Fact]
    public void Renders_paint_the_shape_over_the_background_in_squeezed_colours()
    {
        var space = new SceneSpace(new SceneSettings { Noise = 16 });
        var square = new Scene(Kind: 0, Colour: 0, Size: 0, Left: 2, Top: 1, Background: 0);
        var pixels = space.Render(square);
        Assert.Equal(SceneSpace.Intensities, pixels.Length);
        byte[] RgbAt(int x, int y) => pixels[((y * 8 + x) * 3)..((y * 8 + x) * 3 + 3)];
        Assert.Equal(RgbAt(2, 1), RgbAt(4, 3));            // inside the 3-pixel square
        Assert.Equal(RgbAt(0, 0), RgbAt(5, 1));            // background
        Assert.NotEqual(RgbAt(0, 0), RgbAt(2, 1));
        Assert.Equal(9, Enumerable.Range(0, 64).Count(p => RgbAt(p % 8, p / 8).SequenceEqual(RgbAt(2, 1))));
        Assert.All(pixels, v => Assert.InRange(v, 8, 247));
    }

    [Fact]
    public void The_position_is_the_grid_cell_of_the_shape_centre()
    {
        var space = new SceneSpace(new SceneSettings());
        Assert.Equal((0, 0), space.Cell(new Scene(0, 0, Size: 0, Left: 1, Top: 0, 0)));   // 3 pixels, centre (2.5, 1.5)
        Assert.Equal((2, 1), space.Cell(new Scene(0, 0, Size: 0, Left: 3, Top: 5, 0)));   // centre (4.5, 6.5)
        Assert.Equal((1, 2), space.Cell(new Scene(0, 0, Size: 1, Left: 3, Top: 1, 0)));   // 5 pixels, centre (5.5, 3.5)
        // Each cell is as likely as its mirror image.
        var byCell = space.Scenes.Select((s, i) => (Cell: space.Cell(s), P: space.Probabilities[i])).GroupBy(c => c.Cell).ToDictionary(g => g.Key, g => g.Sum(c => c.P));
        Assert.Equal(byCell[(0, 0)], byCell[(2, 2)], 12);
        Assert.Equal(byCell[(0, 1)], byCell[(2, 1)], 12);
    }

    [Fact]
    public void Captions_name_the_described_attributes_and_nothing_else()
    {
        var space = new SceneSpace(new SceneSettings { Described = ["colour", "background"] });
        var rng = new Random(2);
        var scene = new Scene(Kind: 4, Colour: 2, Size: 1, Left: 0, Top: 0, Background: 1);
        for (int i = 0; i < 50; i++)
        {
            var caption = space.Caption(scene, rng);
            Assert.True(caption.Contains("blue") || caption.Contains("cobalt"), string.Join(' ', caption));
            Assert.Contains("navy", caption);
            Assert.True(caption.Contains("shape") || caption.Contains("thing"), string.Join(' ', caption));
            Assert.DoesNotContain("diamond", caption);
            Assert.DoesNotContain("large", caption);
        }
    }
}
