using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// Rewrites a cell before it compiles, keeping every line where it was (errors still name the user's lines):
/// a <see cref="CellHooks.LoopCheck"/> call opens every loop body, so an endless user loop stops on interrupt
/// (.NET cannot abort a thread, so the loop has to ask), and <c>Environment.Exit(...)</c> becomes
/// <see cref="CellHooks.Exit"/>, which fails the cell instead of ending the process.
/// </summary>
public static class CellRewriter
{
    /// <summary>The parse options of a cell: C# script, latest language.</summary>
    public static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private const string Hooks = "global::ScalingLaws.Notebooks.Execution.CellHooks";

    /// <summary>The rewritten code; the code unchanged when it does not parse (the compiler then reports the errors as written).</summary>
    public static string Rewrite(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ScriptOptions);
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) return code;
        var root = tree.GetRoot();
        var rewritten = new Rewriter().Visit(root);
        return rewritten == root ? code : rewritten.ToFullString();
    }

    private sealed class Rewriter : CSharpSyntaxRewriter
    {
        private static readonly StatementSyntax Check =
            SyntaxFactory.ParseStatement($"{Hooks}.LoopCheck(); ").WithLeadingTrivia();

        public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
        {
            var loop = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
            return loop.WithStatement(WithCheck(loop.Statement));
        }

        public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
        {
            var loop = (DoStatementSyntax)base.VisitDoStatement(node)!;
            return loop.WithStatement(WithCheck(loop.Statement));
        }

        public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
        {
            var loop = (ForStatementSyntax)base.VisitForStatement(node)!;
            return loop.WithStatement(WithCheck(loop.Statement));
        }

        public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
        {
            var loop = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
            return loop.WithStatement(WithCheck(loop.Statement));
        }

        public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
        {
            var loop = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
            return loop.WithStatement(WithCheck(loop.Statement));
        }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (visited.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: "Exit" } access) return visited;
            string target = access.Expression.ToString().Replace(" ", "", StringComparison.Ordinal);
            if (target is not ("Environment" or "System.Environment" or "global::System.Environment")) return visited;
            var hook = SyntaxFactory.ParseExpression($"{Hooks}.Exit").WithTriviaFrom(access);
            return visited.WithExpression(hook);
        }

        // The loop body with the check first, on the line the body starts: a block gets it after its '{', a single
        // statement is wrapped in braces on its own lines.
        private static StatementSyntax WithCheck(StatementSyntax body)
        {
            if (body is BlockSyntax block) return block.WithStatements(block.Statements.Insert(0, Check));
            return SyntaxFactory.Block(
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(body.GetLeadingTrivia()),
                    SyntaxFactory.List(new[] { Check, body.WithoutTrivia() }),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(body.GetTrailingTrivia()));
        }
    }
}
