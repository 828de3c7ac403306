using System.CommandLine;
using ScalingLaws.Cli.Commands;

// The `scaling` command: each subcommand lives in Commands/ and only parses arguments and renders
// results; the work itself is in the ScalingLaws library.
var root = new RootCommand("ScalingNotebooks: train models, run sweeps, fit scaling laws, run notebooks headless or in Jupyter.");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(FitCommand.Create());
root.Subcommands.Add(BenchFitCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(NotebookCommand.Create());
root.Subcommands.Add(KernelCommand.Create());
return await root.Parse(args).InvokeAsync();
