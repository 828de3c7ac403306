using System.Text;

namespace ScalingLaws.Data;

/// <summary>
/// Splits UTF-8 bytes into "words" before BPE, so merges never cross a word boundary (GPT-2's rule, Radford et al.
/// 2019). It follows GPT-2's pattern <c> ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c> without its
/// English contraction cases: a run of letters, of digits, or of other symbols, each taking one leading space;
/// whitespace runs give their last space to the following word. Bytes that are not valid UTF-8 count as symbols.
/// Words longer than <see cref="MaxWordBytes"/> are cut, which bounds encoding time on pathological input.
/// Concatenating the pieces always gives back the input exactly.
/// </summary>
public static class PreTokenizer
{
    /// <summary>Longest word handed to BPE; longer runs are cut into pieces of this size.</summary>
    public const int MaxWordBytes = 64;

    private enum Kind : byte { Letter, Digit, Space, Other }

    /// <summary>Calls <paramref name="onWord"/>(start, length) for each word of <paramref name="text"/>, in order.</summary>
    public static void Split(ReadOnlySpan<byte> text, Action<int, int> onWord)
    {
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            var (kind, width) = Classify(text, i);
            if (kind == Kind.Space)
            {
                int end = i + width;
                int lastStart = i;
                while (end < text.Length)
                {
                    var (k, w) = Classify(text, end);
                    if (k != Kind.Space) break;
                    lastStart = end;
                    end += w;
                }
                // A final ' ' before a non-space belongs to the next word (" the"), like GPT-2's \s+(?!\S).
                if (end < text.Length && text[lastStart] == (byte)' ')
                {
                    if (lastStart == start) { i = ReadRun(text, start, start + 1, onWord); continue; }
                    end = lastStart;
                }
                Emit(start, end - start, onWord);
                i = end;
                continue;
            }
            i = ReadRun(text, start, start, onWord);
        }
    }

    /// <summary>Reads one run of a single kind starting at <paramref name="runStart"/>; the word begins at <paramref name="wordStart"/> (one earlier when it has a leading space).</summary>
    private static int ReadRun(ReadOnlySpan<byte> text, int wordStart, int runStart, Action<int, int> onWord)
    {
        var (kind, width) = Classify(text, runStart);
        int end = runStart + width;
        while (end < text.Length)
        {
            var (k, w) = Classify(text, end);
            if (k != kind) break;
            end += w;
        }
        Emit(wordStart, end - wordStart, onWord);
        return end;
    }

    private static void Emit(int start, int length, Action<int, int> onWord)
    {
        for (int offset = 0; offset < length; offset += MaxWordBytes)
            onWord(start + offset, Math.Min(MaxWordBytes, length - offset));
    }

    private static (Kind kind, int width) Classify(ReadOnlySpan<byte> text, int at)
    {
        byte b = text[at];
        if (b < 0x80)
        {
            if ((uint)((b | 0x20) - 'a') <= 'z' - 'a') return (Kind.Letter, 1);
            if ((uint)(b - '0') <= 9) return (Kind.Digit, 1);
            if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0B or 0x0C) return (Kind.Space, 1);
            return (Kind.Other, 1);
        }
        if (Rune.DecodeFromUtf8(text[at..], out var rune, out int consumed) != System.Buffers.OperationStatus.Done)
            return (Kind.Other, 1); // an invalid byte stands alone as a symbol
        if (Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark) return (Kind.Letter, consumed);
        if (Rune.IsNumber(rune)) return (Kind.Digit, consumed);
        if (Rune.IsWhiteSpace(rune)) return (Kind.Space, consumed);
        return (Kind.Other, consumed);
    }
}
