using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Execution;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Export;

/// <summary>
/// `scaling notebook export`: a notebook as a .NET 10 file-based app (<c>dotnet run FILE.cs</c>), the migration
/// Microsoft recommends for .NET Interactive notebooks. <c>#r "nuget: X, V"</c> becomes <c>#:package X@V</c>, a
/// <c>#r</c> of a project's build output becomes <c>#:project</c>, usings gather at the top, the cells follow in
/// order with markdown as comments, type declarations move after the top-level code (C# requires it), a cell's last
/// expression is displayed, the parameters cell reads overrides from the command line, and the summary values the
/// notebook records are written to a JSON file at the end, as the runner writes them.
/// </summary>
public static class FileBasedAppExporter
{
    // The usings the engine starts with; implicit usings are off in the app so it sees exactly these.
    private static readonly string[] EngineImports =
        ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>Writes the app for <paramref name="notebookPath"/> to <paramref name="appPath"/>.</summary>
    public static void Write(string notebookPath, string appPath) =>
        ScalingLaws.IO.AtomicFile.WriteAllText(Path.GetFullPath(appPath), Export(notebookPath, appPath));

    /// <summary>The app's source for <paramref name="notebookPath"/>, to be written at <paramref name="appPath"/> (relative paths are made from there).</summary>
    /// <exception cref="NotebookInputException">Not a C# notebook, or a reference a file-based app cannot express.</exception>
    public static string Export(string notebookPath, string appPath)
    {
        string notebookFull = Path.GetFullPath(notebookPath);
        string notebookFolder = Path.GetDirectoryName(notebookFull)!;
        string appFolder = Path.GetDirectoryName(Path.GetFullPath(appPath))!;
        var doc = PreparedNotebook.Load(notebookFull, new Dictionary<string, string>()).Document;
        string name = Path.GetFileNameWithoutExtension(notebookFull);

        var directives = new List<string>();
        var usings = new List<string>(EngineImports.Select(u => $"using {u};"));
        var body = new StringBuilder();
        var types = new StringBuilder();
        bool usesSummary = false;
        int cellNumber = 0;
        foreach (var cell in doc.Cells)
        {
            cellNumber++;
            if (cell.CellType == "markdown")
            {
                body.Append($"// ---- cell {cellNumber} (markdown) ----\n");
                foreach (var line in cell.Source.Split('\n')) body.Append(("// " + line).TrimEnd()).Append('\n');
                body.Append('\n');
                continue;
            }
            if (!cell.IsCode) continue;
            var parsed = CellDirectives.Parse(cell.Source, cell.Metadata["dotnet_interactive"]?["language"]?.GetValue<string>() ?? "csharp");
            body.Append($"// ---- cell {cellNumber} ----\n");
            if (!CellDirectives.IsCSharp(parsed.Language))
            {
                body.Append($"// A {parsed.Language} cell: a C# app cannot run it.\n");
                foreach (var line in cell.Source.Split('\n')) body.Append("// ").Append(line).Append('\n');
                continue;
            }
            foreach (var package in parsed.Packages) AddOnce(directives, $"#:package {package.Name}@{package.Version ?? "*"}");
            foreach (var assembly in parsed.Assemblies)
            {
                string project = ProjectOf(assembly, notebookFolder, name);
                usesSummary |= Path.GetFileNameWithoutExtension(project) == "ScalingLaws";
                AddOnce(directives, $"#:project {Path.GetRelativePath(appFolder, project).Replace('\\', '/')}");
            }
            SplitCode(parsed.Code, usings, body, types);
            if (cell.Tags.Contains(NotebookParameters.ParametersTag))
            {
                body.Append("// Overrides from the command line: dotnet run FILE.cs -- name=value ...\n");
                foreach (var declaration in NotebookParameters.ParseDeclarations(cell.Source))
                    body.Append($"{declaration.Name} = NotebookArguments.Get(args, \"{declaration.Name}\", {declaration.Name});\n");
            }
            body.Append('\n');
        }

        var app = new StringBuilder();
        app.Append("#!/usr/bin/env dotnet\n")
            .Append($"// {name}: exported from {Path.GetRelativePath(appFolder, notebookFull).Replace('\\', '/')} by `scaling notebook export`.\n")
            .Append($"// Run: dotnet run {Path.GetFileName(appPath)} [-- name=value ...] [-- --summary FILE]\n")
            // As the engine compiles cells: no implicit usings, nullable off, warnings allowed; and reflection-based JSON
            // (file-based apps default to native AOT, which turns it off).
            .Append("#:property ImplicitUsings=disable\n#:property Nullable=disable\n#:property TreatWarningsAsErrors=false\n#:property PublishAot=false\n");
        foreach (var directive in directives) app.Append(directive).Append('\n');
        app.Append('\n');
        foreach (var line in usings.Distinct()) app.Append(line).Append('\n');
        app.Append("using static NotebookOutput;\n\n");
        // The notebook's relative paths are relative to its folder, as in the runner and the kernel.
        string relativeFolder = Path.GetRelativePath(appFolder, notebookFolder).Replace('\\', '/');
        app.Append("string __summaryPath = System.IO.Path.GetFullPath(NotebookArguments.Value(args, \"--summary\", \"").Append(name).Append(".summary.json\"));\n")
            .Append("string __appFolder = AppContext.GetData(\"EntryPointFileDirectoryPath\") as string ?? System.IO.Directory.GetCurrentDirectory();\n")
            .Append($"System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(__appFolder, \"{relativeFolder}\")));\n\n");
        app.Append(body);
        if (usesSummary)
            app.Append("ScalingLaws.Reporting.NotebookSummary.Save(__summaryPath);\nConsole.WriteLine($\"summary: {__summaryPath}\");\n");
        app.Append("\n// ---- type declarations of the notebook, and the app's helpers ----\n").Append(types).Append(FileBasedAppSupport.Source);
        return app.ToString();
    }

    // Usings go to the top, type declarations after the top-level code, everything else stays in order; a last
    // expression without a semicolon is what the cell showed, so it is displayed.
    private static void SplitCode(string code, List<string> usings, StringBuilder body, StringBuilder types)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, CellRewriter.ScriptOptions).GetRoot();
        usings.AddRange(root.Usings.Select(u => u.ToString().Trim()));
        var members = root.Members;
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax)
            {
                types.Append(member.ToFullString().Trim('\n')).Append("\n\n");
                continue;
            }
            if (i == members.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
            {
                body.Append(last.GetLeadingTrivia().ToFullString()).Append("display(").Append(last.Expression.ToString()).Append(");\n");
                continue;
            }
            body.Append(member.ToFullString().TrimEnd()).Append('\n');
        }
    }

    // A #r of a project's build output (PROJECT/bin/CONFIG/TFM/NAME.dll) is that project; anything else cannot be exported.
    private static string ProjectOf(AssemblyDirective assembly, string notebookFolder, string notebook)
    {
        string dll = Path.GetFullPath(Path.Combine(notebookFolder, assembly.Path));
        string name = Path.GetFileNameWithoutExtension(dll);
        return FindProjectAboveBin(dll, name) ?? throw new NotebookInputException(
            $"{notebook}: #r \"{assembly.Path}\" (line {assembly.Line}) is not the build output of a project (no {name}.csproj above its bin folder), " +
            "and a file-based app references assemblies only through packages and projects. Fix: reference the package (#r \"nuget: ...\") or the project's build output.");
    }

    private static string? FindProjectAboveBin(string dll, string name)
    {
        for (var dir = Path.GetDirectoryName(dll); dir is not null; dir = Path.GetDirectoryName(dir))
            if (Path.GetFileName(dir) == "bin")
            {
                string project = Path.Combine(Path.GetDirectoryName(dir)!, name + ".csproj");
                return File.Exists(project) ? project : null;
            }
        return null;
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item)) list.Add(item);
    }
}
