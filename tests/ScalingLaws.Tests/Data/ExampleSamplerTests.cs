using ScalingLaws.Data;
using ScalingLaws.Models;
using static TorchSharp.torch;

namespace ScalingLaws.Tests.Data;

public class ExampleSamplerTests
{
    /// <summary>Examples of varied lengths whose tokens say which example and position they are: (example * 8 + position).</summary>
    private static TokenSplit NumberedExamples(int count, out TokenExample[] examples)
    {
        var rng = new Random(1);
        examples = Enumerable.Range(0, count).Select(e =>
        {
            int length = 2 + rng.Next(5);
            var tokens = Enumerable.Range(0, length).Select(p => (ushort)(e * 8 + p)).ToArray();
            var regions = Enumerable.Range(0, length).Select(p => (byte)(p == 0 ? 0 : p < length - 1 ? 1 : 2)).ToArray();
            return new TokenExample(tokens, regions);
        }).ToArray();
        return TokenSplit.FromExamples("numbered", examples, vocabSize: 2000);
    }

    private static readonly DatasetLayout Layout = new() { VocabSize = 2000, Layout = DataLayout.Examples, Regions = ["question", "answer"], PadToken = 999 };

    private static long[][] Rows(Tensor t) => Enumerable.Range(0, (int)t.shape[0]).Select(r => t[r].data<long>().ToArray()).ToArray();

    [Theory]
    [InlineData(Packing.OnePerRow)]
    [InlineData(Packing.Pack)]
    public void Rows_hold_only_whole_examples_and_padding(Packing packing)
    {
        using var split = NumberedExamples(50, out var examples);
        var sampler = new ExampleSampler(split, nCtx: 12, seed: 3, Layout with { Packing = packing });
        var (input, target) = sampler.Next(40, CPU);
        foreach (var (row, targets) in Rows(input).Zip(Rows(target)))
        {
            // Walk the row (its inputs plus the last target) example by example.
            var tokens = row.Append(targets[^1] < 0 ? 999 : targets[^1]).ToArray();
            int at = 0, wholeExamples = 0;
            while (at < tokens.Length && tokens[at] != 999)
            {
                var example = examples[tokens[at] / 8];
                Assert.Equal(0, tokens[at] % 8); // an example starts at its first token
                Assert.True(at + example.Length <= tokens.Length, "an example was cut at the end of a row");
                Assert.Equal(example.Tokens.Select(t => (long)t), tokens[at..(at + example.Length)]);
                at += example.Length;
                wholeExamples++;
            }
            Assert.All(tokens[at..], t => Assert.Equal(999, t));
            Assert.True(wholeExamples >= 1);
            if (packing == Packing.OnePerRow) Assert.Equal(1, wholeExamples);
        }
    }

    [Fact]
    public void Packing_puts_examples_at_many_positions_and_fills_rows()
    {
        using var split = NumberedExamples(200, out _);
        var packed = new ExampleSampler(split, nCtx: 20, seed: 3, Layout with { Packing = Packing.Pack });
        var (input, _) = packed.Next(100, CPU);
        var starts = Rows(input).SelectMany(row => row.Select((t, i) => (t, i)).Where(p => p.t != 999 && p.t % 8 == 0).Select(p => p.i)).Distinct().Count();
        Assert.True(starts > 12, $"examples started at only {starts} distinct positions of a 20-token row");
        double padding = Rows(input).Average(row => row.Count(t => t == 999) / 20.0);
        Assert.True(padding < 0.25, $"{padding:P0} of packed rows is padding");
    }

    [Fact]
    public void Every_example_is_served_once_per_epoch_in_a_new_order_each_epoch()
    {
        using var split = NumberedExamples(37, out _);
        var sampler = new ExampleSampler(split, nCtx: 8, seed: 9, Layout);
        var firstTokens = Rows(sampler.Next(74, CPU).Input).Select(r => r[0] / 8).ToArray();
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (long)i), firstTokens[..37].Order());
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (long)i), firstTokens[37..].Order());
        Assert.NotEqual(firstTokens[..37], firstTokens[37..]);
        Assert.Equal(74, sampler.Position);
    }

    [Fact]
    public void A_sampler_resumed_at_its_position_serves_what_the_uninterrupted_one_would()
    {
        using var split = NumberedExamples(30, out _);
        var packedLayout = Layout with { Packing = Packing.Pack };
        var straight = new ExampleSampler(split, nCtx: 16, seed: 4, packedLayout);
        straight.Next(10, CPU);
        var expected = Rows(straight.Next(10, CPU).Input);
        var first = new ExampleSampler(split, nCtx: 16, seed: 4, packedLayout);
        first.Next(10, CPU);
        var resumed = new ExampleSampler(split, nCtx: 16, seed: 4, packedLayout, position: first.Position);
        Assert.Equal(expected, Rows(resumed.Next(10, CPU).Input));
    }

    [Fact]
    public void Targets_outside_the_trained_regions_and_padding_are_masked()
    {
        using var split = NumberedExamples(20, out var examples);
        var answerOnly = RegionSelection.For(Layout, ["answer"]);
        var (input, target) = new ExampleSampler(split, nCtx: 8, seed: 2, Layout, trained: answerOnly).Next(20, CPU);
        foreach (var (row, targets) in Rows(input).Zip(Rows(target)))
        {
            var example = examples[row[0] / 8];
            for (int t = 0; t < 8; t++)
            {
                bool isAnswer = t + 1 < example.Length && example.Regions[t + 1] == 2;
                Assert.Equal(isAnswer ? example.Tokens[t + 1] : LanguageModelLoss.MaskedTarget, targets[t]);
            }
        }
    }

    [Fact]
    public void An_example_longer_than_a_row_is_refused_before_training_with_the_fix()
    {
        using var split = NumberedExamples(10, out _);
        var e = Assert.Throws<ArgumentException>(() => new ExampleSampler(split, nCtx: 3, seed: 0, Layout));
        Assert.Contains("set n_ctx to at least", e.Message);
    }
}
