using System.Text.RegularExpressions;

namespace ScalingLaws.Data.Mathematics;

/// <summary>Measures of the numbers written in a question.</summary>
public static partial class NumberText
{
    /// <summary>
    /// Significant digits of the longest number written in <paramref name="text"/>: its digits without the point, leading
    /// zeros and trailing zeros ("0.05" has 1, "12.5" has 3, "1200" has 2), so scaling by a power of ten does not make a
    /// number "larger". Zero when the text has no number.
    /// </summary>
    public static int MostSignificantDigits(string text) =>
        Numbers().Matches(text).Select(m => m.Value.Replace(".", "").Trim('0').Length).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Numbers();
}
