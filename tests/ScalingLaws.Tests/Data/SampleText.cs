using System.Text;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

/// <summary>Deterministic test text: English-like sentences with Zipfian word frequencies, and random Unicode.</summary>
internal static class SampleText
{
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "a", "that", "is", "for", "by", "our", "which", "government", "states",
        "congress", "people", "united", "year", "public", "country", "war", "nation", "treaty", "whale", "ship",
        "captain", "1812", "$4,000", "naïve", "café", "Ærø", "北京", "über",
    ];

    public static string Sentences(int count, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        for (int s = 0; s < count; s++)
        {
            int length = random.Next(4, 15);
            for (int w = 0; w < length; w++)
            {
                // Zipf: rank r with weight 1/r.
                int rank = (int)Math.Floor(Math.Pow(Words.Length + 1, random.NextDouble())) - 1;
                string word = Words[Math.Clamp(rank, 0, Words.Length - 1)];
                builder.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : " " + word);
            }
            builder.Append(random.Next(5) == 0 ? ".\n\n" : ". ");
        }
        return builder.ToString();
    }

    public static List<TextDocument> Documents(int count, int sentencesEach, int seed) =>
        Enumerable.Range(0, count).Select(i => TextDocument.FromText($"doc{i:D2}", Sentences(sentencesEach, seed * 1000 + i))).ToList();

    /// <summary>Random code points from every plane (no lone surrogates), including whitespace, marks and emoji.</summary>
    public static string RandomUnicode(Random random, int length)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            int pick = random.Next(6);
            int codePoint = pick switch
            {
                0 => random.Next(0x20, 0x7F),
                1 => " \n\t\r\u00A0\u3000"[random.Next(6)],
                2 => random.Next(0x80, 0x800),
                3 => random.Next(0x800, 0xD800),
                4 => random.Next(0xE000, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            builder.Append(char.ConvertFromUtf32(codePoint));
        }
        return builder.ToString();
    }
}
