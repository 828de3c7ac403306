using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Formatting;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// A C# kernel in the runner's own process: each cell is a Roslyn script submission continuing the previous
/// one (ScriptState.ContinueWithAsync), so variables, types and usings carry from cell to cell as in .NET
/// Interactive. One kernel per notebook run; not thread-safe (Console and the working directory are global).
/// </summary>
public sealed class CSharpNotebookKernel
{
    // The usings a .NET Interactive C# kernel starts with.
    private static readonly string[] DefaultImports =
        ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private readonly string _notebookDirectory;
    private readonly PackageCatalog _packages;
    private readonly TextWriter? _echo;
    private readonly NotebookGlobals _globals;
    private readonly HashSet<string> _referencedPaths = new(StringComparer.Ordinal);
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private List<CellOutput> _outputs = new();
    private ConsoleCapture? _capture;

    /// <summary>A fresh kernel; relative <c>#r</c> paths resolve against <paramref name="notebookDirectory"/>.</summary>
    /// <param name="notebookDirectory">The notebook's folder.</param>
    /// <param name="packages">Where <c>#r "nuget:"</c> references come from.</param>
    /// <param name="echo">Where to copy cell Console output as it is written (the terminal), or null.</param>
    public CSharpNotebookKernel(string notebookDirectory, PackageCatalog packages, TextWriter? echo = null)
    {
        _notebookDirectory = notebookDirectory;
        _packages = packages;
        _echo = echo;
        _globals = new NotebookGlobals(Display);
        _options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value.Append(Reference(typeof(NotebookGlobals).Assembly)))
            .WithImports(DefaultImports)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release);
    }

    /// <summary>Runs one code cell.</summary>
    /// <param name="cellNumber">1-based position of the cell in the notebook file; names it in errors.</param>
    /// <param name="executionCount">The execution count this run gives the cell (its execute_result carries it).</param>
    /// <param name="source">The cell's source.</param>
    /// <param name="metadataLanguage">The language its metadata names ("csharp" when none).</param>
    /// <param name="cancellation">Checked before the cell starts.</param>
    public async Task<CellResult> RunCellAsync(int cellNumber, int executionCount, string source, string metadataLanguage, CancellationToken cancellation = default)
    {
        _outputs = new List<CellOutput>();
        CellDirectives directives;
        try
        {
            directives = CellDirectives.Parse(source, metadataLanguage);
            if (!CellDirectives.IsCSharp(directives.Language))
            {
                _outputs.Add(CellOutput.Stream("stderr",
                    $"Skipped by `scaling notebook run`: this is a {directives.Language} cell, and the runner executes C# cells only.\n"));
                return new CellResult(_outputs, null, Executed: false);
            }
            AddReferences(directives);
        }
        catch (NotebookInputException e)
        {
            return Fail(new CellFailure(nameof(NotebookInputException), e.Message, e.Line), cellNumber, e.Message);
        }

        if (string.IsNullOrWhiteSpace(directives.Code)) return new CellResult(_outputs, null, Executed: true);
        string cellPath = $"cell-{cellNumber}.csx";
        var options = _options.WithFilePath(cellPath);
        _capture = new ConsoleCapture(_echo);
        try
        {
            _state = _state is null
                ? await CSharpScript.RunAsync(directives.Code, options, _globals, typeof(NotebookGlobals), cancellation)
                : await _state.ContinueWithAsync(directives.Code, options, cancellation);
            FlushConsole();
            if (_state.ReturnValue is { } value) _outputs.Add(CellOutput.Result(OutputFormatter.Format(value), executionCount));
            return new CellResult(_outputs, null, Executed: true);
        }
        catch (CompilationErrorException e)
        {
            FlushConsole();
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            int? line = errors.Count > 0 ? errors[0].Location.GetLineSpan().StartLinePosition.Line + 1 : null;
            string message = string.Join("\n", errors.Select(FormatDiagnostic));
            return Fail(new CellFailure("CompilationError", message, line), cellNumber, message);
        }
        catch (Exception caught) when (caught is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            FlushConsole();
            var e = caught is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0] : caught;
            int? line = LineInCell(e, cellPath);
            string message = e.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true
                // Measured: Roslyn 5.12 scripting throws inside its binder on a top-level `var (a, b) = x switch { ... };`.
                ? $"The C# compiler (Roslyn scripting) crashed compiling this cell, a compiler bug rather than an error in the code ({e.Message}). " +
                  "Rewrite the construct it stumbles on, e.g. give a top-level deconstruction explicit types: (int A, int B) t = ...;"
                : e.Message;
            return Fail(new CellFailure(e.GetType().FullName ?? e.GetType().Name, message, line), cellNumber, WithoutRunnerFrames(e.ToString()));
        }
        finally
        {
            _capture.Dispose();
            _capture = null;
        }
    }

    private CellResult Fail(CellFailure failure, int cellNumber, string details)
    {
        string where = $"Cell {cellNumber}{(failure.Line is { } l ? $", line {l}" : "")}";
        var traceback = new List<string> { $"{where}: {failure.ErrorName}: {failure.Message.Split('\n')[0]}" };
        traceback.AddRange(details.Split('\n').Select(s => s.TrimEnd('\r')));
        _outputs.Add(CellOutput.Error(failure.ErrorName, failure.Message, traceback));
        return new CellResult(_outputs, failure, Executed: true);
    }

    private void Display(object? value, string[] mimeTypes)
    {
        FlushConsole();
        _outputs.Add(CellOutput.Display(OutputFormatter.Format(value, mimeTypes)));
    }

    private void FlushConsole()
    {
        if (_capture is null) return;
        foreach (var (stream, text) in _capture.Drain()) _outputs.Add(CellOutput.Stream(stream, text));
    }

    private void AddReferences(CellDirectives directives)
    {
        var added = new List<MetadataReference>();
        foreach (var package in directives.Packages)
            foreach (var assembly in _packages.Resolve(package))
                if (!string.IsNullOrEmpty(assembly.Location) && _referencedPaths.Add(assembly.Location)) added.Add(Reference(assembly));
        foreach (var directive in directives.Assemblies)
        {
            var assembly = LoadAssembly(directive);
            if (_referencedPaths.Add(assembly.Location)) added.Add(Reference(assembly));
        }
        if (directives.Packages.Count > 0)
            _outputs.Add(CellOutput.Display(new Dictionary<string, string>
            {
                ["text/plain"] = "Installed Packages (from the runner's own dependency closure)\n" +
                    string.Join("\n", directives.Packages.Select(p => $"- {p.Name}, {p.Version ?? "any version"}")),
            }));
        foreach (var source in directives.PackageSources)
            _outputs.Add(CellOutput.Stream("stderr", $"Ignored #i \"{source}\": `scaling notebook run` uses only the packages it was built with.\n"));
        if (added.Count > 0) _options = _options.AddReferences(added);
    }

    /// <summary>
    /// Loads <c>#r "path.dll"</c>, reusing an assembly of the same name that the runner already has, so that the
    /// notebook's ScalingLaws types are the runner's types (one NotebookSummary, one TorchSharp).
    /// </summary>
    private Assembly LoadAssembly(AssemblyDirective directive)
    {
        string path = Path.GetFullPath(Path.Combine(_notebookDirectory, directive.Path));
        if (!File.Exists(path))
            throw new NotebookInputException(
                $"#r \"{directive.Path}\" (line {directive.Line}): no file at {path}. If it is this repository's library, build it first " +
                "(`dotnet build -c Release` in the repository root); otherwise fix the path, which is relative to the notebook's folder.", directive.Line);
        var name = AssemblyName.GetAssemblyName(path);
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name.Name);
        if (loaded is not null) return loaded;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name.Name!));
        }
        catch (FileNotFoundException)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    // The frames below the notebook's own code are the runner's and Roslyn's; they only bury the cell's frames.
    private static string WithoutRunnerFrames(string trace)
    {
        var kept = new List<string>();
        foreach (var line in trace.Split('\n'))
        {
            string t = line.Trim();
            if (t.StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal) ||
                t.StartsWith("at ScalingLaws.Notebooks.", StringComparison.Ordinal)) continue;
            kept.Add(line.TrimEnd('\r'));
        }
        while (kept.Count > 0 && kept[^1].Trim().StartsWith("--- End of stack trace", StringComparison.Ordinal)) kept.RemoveAt(kept.Count - 1);
        return string.Join("\n", kept);
    }

    private static int? LineInCell(Exception e, string cellPath)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            var frame = new StackTrace(current, fNeedFileInfo: true).GetFrames()
                .FirstOrDefault(f => f.GetFileName() is { } file && Path.GetFileName(file) == cellPath && f.GetFileLineNumber() > 0);
            if (frame is not null) return frame.GetFileLineNumber();
        }
        return null;
    }

    private static string FormatDiagnostic(Diagnostic d)
    {
        var position = d.Location.GetLineSpan().StartLinePosition;
        return $"({position.Line + 1},{position.Character + 1}): error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static MetadataReference Reference(Assembly assembly) => MetadataReference.CreateFromFile(assembly.Location);

    // The shared framework's assemblies, as a kernel has them: every trusted platform assembly from the runtime folder.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetDirectoryName(p) == runtimeDirectory && IsManagedAssembly(p))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
