namespace ScalingLaws.Data;

/// <summary>
/// Question-answer text at the character level (Saxton et al. 2019; Henighan et al. 2020's math models): printable
/// ASCII characters, then [start, question..., separator, answer..., end]. The question and the separator are the
/// "question" region, the answer and its end token the "answer" region, so the loss can count answer characters only
/// and greedy decoding stops at the end token.
/// </summary>
public static class QuestionAnswerTokens
{
    /// <summary>Printable ASCII, space (32) to tilde (126), as tokens 0-94.</summary>
    public const int Characters = 95;

    /// <summary>The start token.</summary>
    public const ushort Start = 95;

    /// <summary>Separates the question from the answer.</summary>
    public const ushort Separator = 96;

    /// <summary>Ends the answer.</summary>
    public const ushort End = 97;

    /// <summary>The padding token.</summary>
    public const ushort Pad = 98;

    /// <summary>Vocabulary size.</summary>
    public const int VocabSize = 99;

    /// <summary>Region names: question is region 1, answer region 2.</summary>
    public static readonly IReadOnlyList<string> RegionNames = ["question", "answer"];

    /// <summary>The layout: examples packed into rows (see <see cref="Packing.Pack"/>); answers end at the end token.</summary>
    public static DatasetLayout Layout(IReadOnlyList<string> subsets) => new()
    {
        VocabSize = VocabSize,
        Layout = DataLayout.Examples,
        Packing = Packing.Pack,
        Regions = RegionNames,
        Subsets = subsets,
        PadToken = Pad,
        StopTokens = new Dictionary<string, IReadOnlyList<int>> { ["answer"] = [End] },
    };

    /// <summary>A question and its answer as an example; throws naming a character outside printable ASCII.</summary>
    public static TokenExample Encode(string question, string answer, ushort subset = 0)
    {
        var tokens = new List<ushort>(question.Length + answer.Length + 3) { Start };
        var regions = new List<byte>(tokens.Capacity) { 0 };
        foreach (char c in question) { tokens.Add(Character(c, question)); regions.Add(1); }
        tokens.Add(Separator);
        regions.Add(1);
        foreach (char c in answer) { tokens.Add(Character(c, answer)); regions.Add(2); }
        tokens.Add(End);
        regions.Add(2);
        return new TokenExample([.. tokens], [.. regions], subset);
    }

    /// <summary>Text from tokens (stops at the end token; special tokens are skipped).</summary>
    public static string Decode(IEnumerable<int> tokens) =>
        new(tokens.TakeWhile(t => t != End).Where(t => t is >= 0 and < Characters).Select(t => (char)(t + 32)).ToArray());

    private static ushort Character(char c, string text) =>
        c is >= ' ' and <= '~' ? (ushort)(c - ' ')
            : throw new ArgumentException($"\"{text}\" holds the character U+{(int)c:X4}; question-answer text must be printable ASCII (space to tilde).");
}
