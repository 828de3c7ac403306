using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>Completions offered at a cursor: the text span they replace and the candidate names.</summary>
/// <param name="Start">Offset where the replaced text starts.</param>
/// <param name="End">Offset where it ends (the cursor).</param>
/// <param name="Matches">Candidate names, sorted, without duplicates.</param>
public sealed record Completions(int Start, int End, IReadOnlyList<string> Matches);

/// <summary>
/// What a kernel answers while the user types, from Roslyn's semantic model of the cell compiled as the next
/// submission (so it sees every variable, type and using of the cells run before): completions, the signature and
/// documentation of the symbol at the cursor, and whether a cell is complete.
/// </summary>
public static class CodeAssistance
{
    /// <summary>Names that can be typed at <paramref name="cursor"/> in <paramref name="code"/>: members after a '.', else every symbol in scope.</summary>
    public static Completions Complete(CSharpEngine engine, string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, root) = Analyse(engine, code);
        var token = cursor > 0 ? root.FindToken(cursor - 1) : default;
        int start = cursor;
        string prefix = "";
        if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.End == cursor)
        {
            start = token.SpanStart;
            prefix = token.Text[..(cursor - start)];
        }
        IEnumerable<ISymbol> symbols;
        ExpressionSyntax? receiver = token.IsKind(SyntaxKind.DotToken) ? (token.Parent as MemberAccessExpressionSyntax)?.Expression
            : token.Parent?.Parent is MemberAccessExpressionSyntax access && access.Name == token.Parent ? access.Expression : null;
        if (receiver is not null)
        {
            var target = model.GetSymbolInfo(receiver).Symbol;
            symbols = target is INamespaceOrTypeSymbol container
                ? model.LookupSymbols(start, container).Where(s => s.IsStatic || s is INamespaceOrTypeSymbol)
                : model.GetTypeInfo(receiver).Type is { } type
                    ? model.LookupSymbols(start, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { IsExtensionMethod: true })
                    : [];
        }
        else symbols = model.LookupSymbols(start);
        var names = symbols
            .Where(s => s.CanBeReferencedByName && !s.Name.StartsWith('<') && s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Completions(start, cursor, names);
    }

    /// <summary>The signature and summary of the symbol at <paramref name="cursor"/>, or null when there is none.</summary>
    public static string? Inspect(CSharpEngine engine, string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, root) = Analyse(engine, code);
        var token = root.FindToken(Math.Max(0, Math.Min(cursor, code.Length) - (cursor == code.Length ? 1 : 0)));
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
            if (symbol is null) continue;
            string signature = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            string? summary = Summary(symbol.GetDocumentationCommentXml());
            return summary is null ? signature : $"{signature}\n\n{summary}";
        }
        return null;
    }

    /// <summary>"complete", "incomplete" (an open brace, an unfinished statement) or "invalid", as is_complete_reply says.</summary>
    public static string IsComplete(string code)
    {
        // Magic and directive lines are the engine's, not C#.
        string csharp = string.Join("\n", code.Split('\n').Select(l => l.TrimStart().StartsWith('#') ? "" : l));
        var tree = CSharpSyntaxTree.ParseText(csharp, CellRewriter.ScriptOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return "incomplete";
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? "invalid" : "complete";
    }

    private static (SemanticModel Model, SyntaxNode Root) Analyse(CSharpEngine engine, string code)
    {
        Script script = engine.State is { } state
            ? state.Script.ContinueWith(code, engine.Options)
            : CSharpScript.Create(code, engine.Options, typeof(NotebookGlobals));
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        return (compilation.GetSemanticModel(tree), tree.GetRoot());
    }

    private static string? Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            string? text = XElement.Parse(xml).Element("summary")?.Value;
            return string.IsNullOrWhiteSpace(text) ? null : string.Join(" ", text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
