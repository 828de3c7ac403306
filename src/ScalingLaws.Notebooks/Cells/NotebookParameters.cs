using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Cells;

/// <summary>A variable declared in the parameters cell, with the C# type its declaration gives it.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Type">C# type keyword: string, int, long, double, float, decimal or bool.</param>
public sealed record ParameterDeclaration(string Name, string Type);

/// <summary>
/// Papermill's convention for .NET notebooks: the code cell tagged <c>parameters</c> declares defaults
/// (<c>var preset = "smoke";</c>, <c>int steps = 100;</c>); overrides run as a new cell right after it,
/// typed C# assignments, so the notebook file itself stays valid for any kernel.
/// </summary>
public static partial class NotebookParameters
{
    /// <summary>The tag that marks the parameters cell (papermill).</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag on the cell the runner injects (papermill's name for it).</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Index of the cell tagged <c>parameters</c>, or -1.</summary>
    public static int FindParametersCell(NotebookDocument doc) =>
        doc.Cells.FindIndex(c => c.IsCode && c.Tags.Contains(ParametersTag));

    /// <summary>The simple declarations of a parameters cell (one per statement, typed or <c>var</c> with a literal).</summary>
    public static IReadOnlyList<ParameterDeclaration> ParseDeclarations(string source)
    {
        var declarations = new List<ParameterDeclaration>();
        foreach (Match m in Declaration().Matches(source))
        {
            string declared = m.Groups["type"].Value;
            string? type = declared == "var" ? InferLiteralType(m.Groups["value"].Value.Trim()) : declared;
            if (type is not null) declarations.Add(new ParameterDeclaration(m.Groups["name"].Value, type));
        }
        return declarations;
    }

    /// <summary>
    /// Returns a copy of <paramref name="doc"/> with a cell of typed assignments injected after the parameters cell.
    /// Throws <see cref="NotebookInputException"/> naming the notebook and parameter when a name is not declared or a
    /// value does not parse as the declared type. With no overrides the notebook is returned unchanged.
    /// </summary>
    public static NotebookDocument Inject(NotebookDocument doc, IReadOnlyDictionary<string, string> overrides, string notebookName)
    {
        if (overrides.Count == 0) return doc;
        int index = FindParametersCell(doc);
        if (index < 0)
            throw new NotebookInputException(
                $"{notebookName} has no cell tagged \"{ParametersTag}\", so --param {string.Join(", ", overrides.Keys)} cannot be applied. " +
                "Tag the cell that declares the defaults with \"parameters\" (cell metadata tags), or drop the --param.");
        var declared = ParseDeclarations(doc.Cells[index].Source).ToDictionary(d => d.Name);
        var assignments = new List<string> { "// Parameters injected by `scaling notebook run`" };
        foreach (var (name, value) in overrides)
        {
            if (!declared.TryGetValue(name, out var declaration))
                throw new NotebookInputException(
                    $"--param {name}={value}: {notebookName}'s parameters cell (cell {index + 1}) declares no '{name}'. " +
                    $"Declared: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Values.Select(d => $"{d.Type} {d.Name}")))}.");
            assignments.Add($"{name} = {ToLiteral(value, declaration, notebookName)};");
        }
        var copy = new NotebookDocument { NbformatMinor = doc.NbformatMinor, Metadata = doc.Metadata };
        copy.Cells.AddRange(doc.Cells);
        var metadata = NotebookCell.CSharpCellMetadata();
        metadata["tags"] = new System.Text.Json.Nodes.JsonArray(InjectedTag);
        copy.Cells.Insert(index + 1, new NotebookCell
        {
            CellType = "code",
            Id = NotebookJson.NewCellId(),
            Source = string.Join("\n", assignments),
            Metadata = metadata,
        });
        return copy;
    }

    private static string ToLiteral(string value, ParameterDeclaration declaration, string notebookName)
    {
        var inv = CultureInfo.InvariantCulture;
        string? literal = declaration.Type switch
        {
            "string" => SymbolDisplay.FormatLiteral(value, quote: true),
            "bool" => bool.TryParse(value, out bool b) ? (b ? "true" : "false") : null,
            "int" => int.TryParse(value, NumberStyles.Integer, inv, out int i) ? i.ToString(inv) : null,
            "long" => long.TryParse(value, NumberStyles.Integer, inv, out long l) ? l.ToString(inv) + "L" : null,
            "double" => double.TryParse(value, NumberStyles.Float, inv, out double d) && double.IsFinite(d) ? d.ToString("R", inv) + "d" : null,
            "float" => float.TryParse(value, NumberStyles.Float, inv, out float f) && float.IsFinite(f) ? f.ToString("R", inv) + "f" : null,
            "decimal" => decimal.TryParse(value, NumberStyles.Float, inv, out decimal m) ? m.ToString(inv) + "m" : null,
            _ => null,
        };
        return literal ?? throw new NotebookInputException(
            $"--param {declaration.Name}={value}: {notebookName} declares '{declaration.Name}' as {declaration.Type}, and '{value}' is not a valid {declaration.Type}" +
            (declaration.Type == "bool" ? " (use true or false)." : " (use invariant culture, e.g. 0.001 or 1e-3)."));
    }

    private static string? InferLiteralType(string literal)
    {
        if (literal.StartsWith('"') || literal.StartsWith("@\"", StringComparison.Ordinal)) return "string";
        if (literal is "true" or "false") return "bool";
        if (!NumberLiteral().IsMatch(literal)) return null;
        char suffix = char.ToLowerInvariant(literal[^1]);
        return suffix switch
        {
            'l' => "long",
            'f' => "float",
            'm' => "decimal",
            'd' => "double",
            _ => literal.IndexOfAny(['.', 'e', 'E']) >= 0 ? "double" : "int",
        };
    }

    [GeneratedRegex(@"^\s*(?<type>var|string|int|long|double|float|decimal|bool)\s+(?<name>[A-Za-z_]\w*)\s*=\s*(?<value>[^;]+);", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^-?[0-9][0-9_]*(\.[0-9_]+)?([eE][-+]?[0-9]+)?[lLfFmMdD]?$")]
    private static partial Regex NumberLiteral();
}
