using System.Text.RegularExpressions;

namespace ScalingLaws.Data.Captions;

/// <summary>
/// Word-level caption tokens for your own captions: lower-case words (letters and digits, with inner apostrophes:
/// "don't"), punctuation dropped; a vocabulary of the training captions' words seen at least a minimum number of
/// times, every other word <see cref="Unknown"/>; captions cut at a maximum length.
/// </summary>
public sealed partial class CaptionVocabulary
{
    /// <summary>Stands for every word outside the vocabulary.</summary>
    public const string Unknown = "<unk>";

    private readonly HashSet<string> known;

    private CaptionVocabulary(IReadOnlyList<string> words)
    {
        Words = words;
        known = new HashSet<string>(words, StringComparer.Ordinal);
    }

    /// <summary>The vocabulary: <see cref="Unknown"/>, then the words by descending count (ties in ordinal order).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The lower-case words of a caption.</summary>
    public static string[] Tokenize(string caption) =>
        WordPattern().Matches(caption.ToLowerInvariant()).Select(m => m.Value).ToArray();

    /// <summary>The words of <paramref name="captions"/> seen at least <paramref name="minCount"/> times.</summary>
    public static CaptionVocabulary Build(IEnumerable<IReadOnlyList<string>> captions, int minCount)
    {
        if (minCount < 1) throw new ArgumentOutOfRangeException(nameof(minCount), $"minCount is {minCount}; it must be at least 1.");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var caption in captions)
            foreach (var word in caption) counts[word] = counts.GetValueOrDefault(word) + 1;
        var words = counts.Where(c => c.Value >= minCount).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key);
        return new CaptionVocabulary([Unknown, .. words]);
    }

    /// <summary>A caption in vocabulary words: unknown words replaced, cut at <paramref name="maxWords"/>.</summary>
    public (string[] Words, bool Truncated, int UnknownWords) Map(IReadOnlyList<string> caption, int maxWords)
    {
        var words = caption.Take(maxWords).Select(w => known.Contains(w) ? w : Unknown).ToArray();
        return (words, caption.Count > maxWords, words.Count(w => w == Unknown));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
