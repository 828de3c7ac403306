using System.CommandLine;
using ScalingLaws.Cli;
using ScalingLaws.Cli.Commands;

// The `scaling` command: each subcommand lives in Commands/ and only parses arguments and renders
// results; the work itself is in the ScalingLaws library. Failures are reported in one place (Failures).
var verbose = new Option<bool>("--verbose") { Description = "On an error, also print the stack trace.", Recursive = true };
var root = new RootCommand("ScalingNotebooks: train models, run sweeps, fit scaling laws, run notebooks headless or in Jupyter.") { verbose };
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(FitCommand.Create());
root.Subcommands.Add(BenchFitCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(NotebookCommand.Create());
root.Subcommands.Add(KernelCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // A mistyped option or a missing argument is bad input: one line each, the way to the options, exit code 2.
    foreach (var parseError in parse.Errors) Console.Error.WriteLine($"error: {parseError.Message}");
    var command = parse.CommandResult.Command;
    Console.Error.WriteLine($"See `scaling{(command == root ? "" : " " + string.Join(" ", CommandPath(command)))} --help` for the options.");
    return Failures.BadInput;
}
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return Failures.Report(e, parse.GetValue(verbose), Console.Error);
}

static IEnumerable<string> CommandPath(Command command)
{
    var names = new List<string>();
    for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault()) names.Insert(0, c.Name);
    return names;
}
