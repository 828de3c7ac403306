using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using ScalingLaws.Execution;
using ScalingLaws.Native;
using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Formatting;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// The one C# execution engine behind both front ends (the headless runner and the Jupyter kernel): each cell is a
/// Roslyn script submission continuing the previous one (ScriptState.ContinueWithAsync), so variables, types and
/// usings carry from cell to cell as in .NET Interactive. Outputs go to an <see cref="ICellOutputSink"/> as they
/// happen. A cell runs inside <see cref="Interruption.Scope"/> with its own token, and its loops are rewritten to
/// check it (<see cref="CellRewriter"/>), so <see cref="Interrupt"/> stops ordinary code and the library's long loops.
/// One engine per notebook session; one cell at a time (Console and the working directory are global).
/// </summary>
public sealed class CSharpEngine
{
    // The usings a .NET Interactive C# kernel starts with.
    private static readonly string[] DefaultImports =
        ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private static readonly TimeSpan StreamFlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _notebookDirectory;
    private readonly PackageCatalog _packages;
    private readonly TextWriter? _echo;
    private readonly NotebookGlobals _globals;
    private readonly HashSet<string> _referencedPaths = new(StringComparer.Ordinal);
    private readonly object _outputGate = new();
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private int _submissions;
    private bool _plotlyJsSent;
    private ICellOutputSink? _sink;
    private ConsoleCapture? _capture;
    private CancellationTokenSource? _running;
    private string? _progressDisplayId;

    /// <summary>A fresh engine; relative <c>#r</c> paths resolve against <paramref name="notebookDirectory"/>.</summary>
    /// <param name="notebookDirectory">The notebook's folder.</param>
    /// <param name="packages">Where <c>#r "nuget:"</c> references come from.</param>
    /// <param name="echo">Where to copy cell Console output as it is written (the terminal), or null.</param>
    public CSharpEngine(string notebookDirectory, PackageCatalog packages, TextWriter? echo = null)
    {
        _notebookDirectory = notebookDirectory;
        _packages = packages;
        _echo = echo;
        _globals = new NotebookGlobals(Display);
        // .NET Interactive notebooks register formatters with `using Microsoft.DotNet.Interactive.Formatting;`.
        var builtIn = new[] { typeof(NotebookGlobals).Assembly, typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly };
        _options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value.Concat(builtIn.Select(Reference)))
            .WithImports(DefaultImports)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release);
    }

    /// <summary>
    /// Compiles, runs and formats a throwaway submission, so the first real cell does not pay for loading and JIT-compiling
    /// Roslyn and the formatters (seconds). A kernel starts this while the client is still connecting; the engine's
    /// state is not touched.
    /// </summary>
    public Task WarmUpAsync() => Task.Run(async () =>
    {
        var state = await CSharpScript.Create("var warm = new[] { 1, 2 }; warm.Sum()", _options, typeof(NotebookGlobals))
            .RunAsync(new NotebookGlobals((_, _) => throw new InvalidOperationException("not shown")));
        OutputFormatter.Format(state.ReturnValue);
    });

    /// <summary>The script state after the last cell (null before the first); completions and inspection read it.</summary>
    internal ScriptState<object>? State => _state;

    /// <summary>The options the next cell compiles with (references and usings gathered so far).</summary>
    internal ScriptOptions Options => _options;

    /// <summary>
    /// Stops the running cell, if any: its token is cancelled, so its loops and the library's long loops throw at
    /// their next check. Code that never checks (a blocking native call) runs on; a kernel restart ends that.
    /// </summary>
    public void Interrupt()
    {
        var running = _running;
        if (running is null) return;
        CellHooks.NoteInterrupt();
        try
        {
            running.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The cell finished meanwhile.
        }
    }

    /// <summary>Runs one code cell, sending its outputs to <paramref name="sink"/> as they happen.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="sink">Where outputs go.</param>
    /// <param name="cancellation">Interrupts the cell when cancelled (as <see cref="Interrupt"/> does).</param>
    public async Task<CellResult> RunCellAsync(CellRequest cell, ICellOutputSink sink, CancellationToken cancellation = default)
    {
        CellDirectives directives;
        _sink = sink;
        try
        {
            directives = CellDirectives.Parse(cell.Source, cell.MetadataLanguage);
            if (!CellDirectives.IsCSharp(directives.Language))
            {
                Write(CellOutput.Stream("stderr",
                    $"Skipped: this is a {directives.Language} cell, and this engine executes C# cells only.\n"));
                return new CellResult(null, Executed: false);
            }
            AddReferences(directives);
        }
        catch (NotebookInputException e)
        {
            return Fail(new CellFailure(nameof(NotebookInputException), e.Message, e.Line), cell.Name, e.Message);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("TorchSharp", StringComparison.Ordinal))
        {
            return Fail(new CellFailure("TorchSharpNotLoadable", e.Message, null), cell.Name, e.Message);
        }

        if (string.IsNullOrWhiteSpace(directives.Code)) return new CellResult(null, Executed: true);
        string cellPath = $"submission-{++_submissions}.csx";
        var options = _options.WithFilePath(cellPath);
        string code = CellRewriter.Rewrite(directives.Code);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var forwardInterrupt = cancellation.Register(Interrupt);
        _running = running;
        _progressDisplayId = null;
        _capture = new ConsoleCapture(_echo);
        using var flusher = new Timer(_ => FlushConsole(), null, StreamFlushInterval, StreamFlushInterval);
        try
        {
            ScriptState<object> state;
            using (Interruption.Scope(running.Token))
            using (LiveProgress.Scope(ShowProgress))
            {
                state = _state is null
                    ? await CSharpScript.Create(code, options, typeof(NotebookGlobals)).RunAsync(_globals, _ => true, running.Token)
                    : await _state.ContinueWithAsync(code, options, _ => true, running.Token);
            }
            _state = state;
            FlushConsole();
            if (state.Exception is { } thrown) return RuntimeFailure(thrown, cell.Name, cellPath, running.IsCancellationRequested);
            if (state.ReturnValue is { } value) Write(CellOutput.Result(Format(value, []), cell.ExecutionCount));
            return new CellResult(null, Executed: true);
        }
        catch (CompilationErrorException e)
        {
            FlushConsole();
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            int? line = errors.Count > 0 ? errors[0].Location.GetLineSpan().StartLinePosition.Line + 1 : null;
            string message = string.Join("\n", errors.Select(FormatDiagnostic));
            return Fail(new CellFailure("CompilationError", message, line), cell.Name, message);
        }
        catch (Exception caught)
        {
            // Thrown before the submission ran (Roslyn itself, or cancellation before the start).
            FlushConsole();
            return RuntimeFailure(caught, cell.Name, cellPath, running.IsCancellationRequested);
        }
        finally
        {
            flusher.Dispose();
            _capture.Dispose();
            FlushConsole();
            _capture = null;
            _running = null;
        }
    }

    private CellResult RuntimeFailure(Exception caught, string cellName, string cellPath, bool interrupted)
    {
        var e = caught is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0] : caught;
        int? line = LineInCell(e, cellPath);
        if (e is OperationCanceledException && interrupted)
        {
            const string stopped = "The cell was interrupted (its loop or the library stopped at its next check); variables keep the values they had.";
            return Fail(new CellFailure("Interrupted", stopped, line), cellName, stopped);
        }
        string message = e.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true
            // Measured: Roslyn 5.12 scripting throws inside its binder on a top-level `var (a, b) = x switch { ... };`.
            ? $"The C# compiler (Roslyn scripting) crashed compiling this cell, a compiler bug rather than an error in the code ({e.Message}). " +
              "Rewrite the construct it stumbles on, e.g. give a top-level deconstruction explicit types: (int A, int B) t = ...;"
            : e.Message;
        string details = e is CellExitException ? message : WithoutEngineFrames(e.ToString());
        return Fail(new CellFailure(e.GetType().FullName ?? e.GetType().Name, message, line), cellName, details);
    }

    private CellResult Fail(CellFailure failure, string cellName, string details)
    {
        string where = $"{cellName}{(failure.Line is { } l ? $", line {l}" : "")}";
        var traceback = new List<string> { $"{where}: {failure.ErrorName}: {failure.Message.Split('\n')[0]}" };
        traceback.AddRange(details.Split('\n').Select(s => s.TrimEnd('\r')));
        Write(CellOutput.Error(failure.ErrorName, failure.Message, traceback));
        return new CellResult(failure, Executed: true);
    }

    /// <summary>A value as the mime bundle a notebook shows; plotly.js goes to the frontend before the first chart.</summary>
    private IReadOnlyDictionary<string, string> Format(object? value, string[] mimeTypes)
    {
        var data = OutputFormatter.Format(value, mimeTypes);
        if (!_plotlyJsSent && data.ContainsKey(PlotlyChartHtml.PlotlyMimeType))
        {
            _plotlyJsSent = true;
            Write(CellOutput.Display(PlotlyChartHtml.PlotlyJsLoader()));
        }
        return data;
    }

    private DisplayedValue Display(object? value, string[] mimeTypes)
    {
        FlushConsole();
        string id = Guid.NewGuid().ToString("N");
        Write(CellOutput.Display(Format(value, mimeTypes), id));
        return new DisplayedValue(id, updated => Update(id, Format(updated, mimeTypes)));
    }

    // The library's live progress (training steps): one display per cell, replaced line by line.
    private void ShowProgress(string line)
    {
        _echo?.WriteLine(line);
        var data = new Dictionary<string, string> { ["text/plain"] = line };
        if (_progressDisplayId is { } id)
        {
            Update(id, data);
            return;
        }
        FlushConsole();
        _progressDisplayId = Guid.NewGuid().ToString("N");
        Write(CellOutput.Display(data, _progressDisplayId));
    }

    private void Write(CellOutput output)
    {
        lock (_outputGate) _sink?.Write(output);
    }

    private void Update(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (_outputGate) _sink?.Update(displayId, data);
    }

    private void FlushConsole()
    {
        lock (_outputGate)
        {
            if (_capture is null) return;
            foreach (var (stream, text) in _capture.Drain()) _sink?.Write(CellOutput.Stream(stream, text));
        }
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
            Write(CellOutput.Display(new Dictionary<string, string>
            {
                ["text/plain"] = "Installed Packages (from the engine's own dependency closure)\n" +
                    string.Join("\n", directives.Packages.Select(p => $"- {p.Name}, {p.Version ?? "any version"}")),
            }));
        foreach (var source in directives.PackageSources)
            Write(CellOutput.Stream("stderr", $"Ignored #i \"{source}\": this engine uses only the packages it was built with.\n"));
        if (added.Count > 0) _options = _options.AddReferences(added);
        // TorchSharp's native libraries load by absolute path from its own package before a cell can touch a tensor.
        if (_referencedPaths.Any(p => Path.GetFileName(p) is "TorchSharp.dll" or "ScalingLaws.dll")) TorchSharpNative.EnsureLoadable();
    }

    /// <summary>
    /// Loads <c>#r "path.dll"</c>, reusing an assembly of the same name that the engine already has, so that the
    /// notebook's ScalingLaws types are the engine's types (one NotebookSummary, one TorchSharp).
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

    // The frames below the notebook's own code are the engine's and Roslyn's; they only bury the cell's frames.
    private static string WithoutEngineFrames(string trace)
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
