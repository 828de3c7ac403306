using System.Globalization;
using System.Text;

namespace ScalingLaws.Reference;

/// <summary>
/// The constants of one paper, read from its CSV in data/reference/ (embedded in the library): a first line
/// <c># citation</c>, a header <c>symbol,value,units,meaning,source</c>, then one row per constant (fields with commas
/// in double quotes).
/// </summary>
public sealed class PaperConstants
{
    private readonly Dictionary<string, PublishedConstant> bySymbol;

    private PaperConstants(string file, string citation, IReadOnlyList<PublishedConstant> constants)
    {
        File = file;
        Citation = citation;
        All = constants;
        bySymbol = constants.ToDictionary(c => c.Symbol, StringComparer.Ordinal);
    }

    /// <summary>The file in data/reference/ the constants come from.</summary>
    public string File { get; }

    /// <summary>The paper: authors, year, title, arXiv number.</summary>
    public string Citation { get; }

    /// <summary>Every constant, in the file's order.</summary>
    public IReadOnlyList<PublishedConstant> All { get; }

    /// <summary>A constant's value by its symbol, e.g. <c>PublishedConstants.Kaplan2020["alpha_N"]</c> is 0.076.</summary>
    public double this[string symbol] => Get(symbol).Value;

    /// <summary>A constant with its units, meaning and place in the paper.</summary>
    public PublishedConstant Get(string symbol) => bySymbol.TryGetValue(symbol, out var constant) ? constant
        : throw new KeyNotFoundException($"{File} has no constant '{symbol}'; it has {string.Join(", ", bySymbol.Keys)}.");

    /// <summary>Parses the text of one constants file; errors name the file and the line.</summary>
    public static PaperConstants Parse(string file, string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (lines.Length < 2 || !lines[0].StartsWith('#'))
            throw new InvalidDataException($"{file}: the first line must be '# citation' (authors, year, title, arXiv number).");
        if (lines[1] != "symbol,value,units,meaning,source")
            throw new InvalidDataException($"{file}, line 2: the header must be 'symbol,value,units,meaning,source'.");
        var constants = new List<PublishedConstant>();
        for (int i = 2; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = Fields(lines[i]);
            if (fields.Count != 5)
                throw new InvalidDataException($"{file}, line {i + 1}: expected 5 fields (symbol, value, units, meaning, source), found {fields.Count}; quote a field that holds a comma.");
            if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new InvalidDataException($"{file}, line {i + 1}: '{fields[1]}' is not a number.");
            if (fields[0].Length == 0 || fields[4].Length == 0)
                throw new InvalidDataException($"{file}, line {i + 1}: every constant needs a symbol and a source (equation, table or section).");
            if (constants.Any(c => c.Symbol == fields[0]))
                throw new InvalidDataException($"{file}, line {i + 1}: the symbol '{fields[0]}' appears twice.");
            constants.Add(new PublishedConstant(fields[0], value, fields[2], fields[3], fields[4]));
        }
        return new PaperConstants(file, lines[0].TrimStart('#').Trim(), constants);
    }

    // One CSV row: comma-separated fields, a field in double quotes may hold commas and "" for a quote.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
