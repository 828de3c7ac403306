using System.Text;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class PreTokenizerTests
{
    private static List<string> Pieces(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var pieces = new List<string>();
        PreTokenizer.Split(bytes, (start, length) => pieces.Add(Encoding.UTF8.GetString(bytes, start, length)));
        return pieces;
    }

    [Theory]
    [InlineData("The cat sat.", new[] { "The", " cat", " sat", "." })]
    [InlineData("a  b", new[] { "a", " ", " b" })]
    [InlineData("x\n\ny", new[] { "x", "\n\n", "y" })]
    [InlineData("in 1812, $4,000", new[] { "in", " 1812", ",", " $", "4", ",", "000" })]
    [InlineData("naïve café—Ærø", new[] { "naïve", " café", "—", "Ærø" })]
    [InlineData("end.  ", new[] { "end", ".", "  " })]
    public void Splits_like_gpt2_into_words_with_one_leading_space(string text, string[] expected) =>
        Assert.Equal(expected, Pieces(text));

    [Fact]
    public void Pieces_concatenate_to_the_input_for_any_bytes()
    {
        var random = new Random(1);
        for (int trial = 0; trial < 200; trial++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (trial % 2 == 0) for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)" ab\n1.\xC3\xA9"[bytes[i] % 8];
            var rebuilt = new List<byte>();
            int expectedStart = 0;
            PreTokenizer.Split(bytes, (start, length) =>
            {
                Assert.Equal(expectedStart, start);
                Assert.InRange(length, 1, PreTokenizer.MaxWordBytes);
                expectedStart = start + length;
                rebuilt.AddRange(bytes.AsSpan(start, length).ToArray());
            });
            Assert.Equal(bytes, rebuilt);
        }
    }

    [Fact]
    public void Long_runs_are_cut_to_the_maximum_word_length()
    {
        var pieces = Pieces(new string('a', 150));
        Assert.Equal([64, 64, 22], pieces.Select(p => p.Length));
    }
}
