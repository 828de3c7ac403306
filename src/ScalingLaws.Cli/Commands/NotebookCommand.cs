using System.CommandLine;
using ScalingLaws.Notebooks;

namespace ScalingLaws.Cli.Commands;

/// <summary>
/// `scaling notebook run NOTEBOOK.ipynb... [--param name=value]... [--out DIR] [--timeout MIN]`: runs .NET
/// Interactive C# notebooks headless and writes the executed notebook, an HTML report and a summary per notebook.
/// Exit code 0: every cell ran; 1: a cell failed (one line names the notebook and cell); 2: bad input.
/// </summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "Notebook files (.ipynb) to run, in order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var param = new Option<string[]>("--param")
        {
            Description = "Override a variable of the cell tagged 'parameters', e.g. --param preset=smoke (repeatable).",
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for NAME.ipynb, NAME.html and NAME.summary.json.",
            DefaultValueFactory = _ => "out",
        };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Minutes one notebook may run before it is stopped and reported as failed (default: no limit).",
        };

        var allowErrors = new Option<bool>("--allow-errors")
        {
            Description = "Keep going after a failing cell, recording its error (for notebooks that show an error on purpose); exit 0 unless the run fails otherwise.",
        };

        var run = new Command("run", "Execute notebooks headless, as a .NET Interactive kernel would, and write outputs and reports.")
        {
            notebooks, param, output, timeout, allowErrors,
        };
        run.SetAction(async (parseResult, cancellation) =>
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parseResult.GetValue(param) ?? [])
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"error: --param {pair}: expected name=value, e.g. --param preset=smoke.");
                    return NotebookBatch.ExitBadInput;
                }
                parameters[pair[..eq].Trim()] = pair[(eq + 1)..];
            }
            double? minutes = parseResult.GetValue(timeout);
            if (minutes is <= 0)
            {
                Console.Error.WriteLine($"error: --timeout {minutes}: give a positive number of minutes.");
                return NotebookBatch.ExitBadInput;
            }
            var options = new NotebookRunOptions
            {
                OutputDirectory = parseResult.GetValue(output) ?? "out",
                Timeout = minutes is { } m ? TimeSpan.FromMinutes(m) : null,
                Echo = Console.Out,
                AllowErrors = parseResult.GetValue(allowErrors),
            };
            return await NotebookBatch.RunAsync(parseResult.GetValue(notebooks) ?? [], parameters, options, Console.Out, cancellation);
        });

        var exportNotebook = new Argument<string>("notebook") { Description = "The notebook (.ipynb) to export." };
        var exportOut = new Option<string?>("--out") { Description = "The .cs file to write (default: NOTEBOOK.cs beside the notebook)." };
        var export = new Command("export", "Write a notebook as a .NET 10 file-based app that `dotnet run FILE.cs` runs top to bottom.")
        {
            exportNotebook, exportOut,
        };
        export.SetAction(parseResult =>
        {
            string notebook = parseResult.GetValue(exportNotebook)!;
            string target = parseResult.GetValue(exportOut) ?? Path.ChangeExtension(notebook, ".cs");
            try
            {
                ScalingLaws.Notebooks.Export.FileBasedAppExporter.Write(notebook, target);
            }
            catch (NotebookInputException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return NotebookBatch.ExitBadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: --out {target}: cannot write it ({e.Message}). Fix: give a path in a folder you can write.");
                return NotebookBatch.ExitBadInput;
            }
            Console.WriteLine($"wrote {target}: run it with `dotnet run {target}` (parameters: `-- name=value`)");
            return 0;
        });

        return new Command("notebook", "Run notebooks headless, or export one as a file-based app.") { run, export };
    }
}
