using System.CommandLine;
using System.Globalization;
using ScalingLaws.IO;
using ScalingLaws.Sweeps;
using ScalingLaws.Training;
using Spectre.Console;

namespace ScalingLaws.Cli.Commands;

/// <summary>
/// `scaling sweep run|status|slurm`: works through a sweep file (resumable; several processes may share one results
/// folder), shows which runs have results and which worker holds the rest, and writes a Slurm job array for it.
/// </summary>
internal static class SweepCommand
{
    internal const string DefaultResults = "out/sweeps";

    public static Command Create()
    {
        var command = new Command("sweep", "Run a sweep of training runs (resumable, shareable between processes) or show its state.");
        command.Subcommands.Add(RunCommand());
        command.Subcommands.Add(StatusCommand());
        command.Subcommands.Add(SweepSlurmCommand.Create());
        return command;
    }

    private static Command RunCommand()
    {
        var file = new Argument<string>("SWEEP.json") { Description = "sweep definition: {name, defaults, runs: [{id, ...overrides}]}" };
        var results = new Option<string>("--results") { Description = "results root; the sweep's records go to RESULTS/NAME/", DefaultValueFactory = _ => DefaultResults };
        var only = new Option<string[]>("--only") { Description = "run only these run ids", AllowMultipleArgumentsPerToken = true };
        var threads = new Option<int?>("--threads") { Description = "threads for this worker, in place of the sweep's \"threads\" (e.g. a scheduler's share of cores); not part of a run's identity, so records still match the sweep" };
        var command = new Command("run", "Train every run of the sweep that has no result yet (a killed sweep resumes where it stopped).") { file, results, only, threads };
        command.SetAction((parse, cancellation) =>
        {
            // Bad input (the sweep file, a run's config, --results, --only, --threads) throws before anything trains; a full
            // disk stops the sweep with one line saying what was kept (SweepRunner). Failures reports both.
            int? threadCount = parse.GetValue(threads);
            if (threadCount <= 0)
                throw new ArgumentException($"--threads {threadCount}: give a positive number of threads, or leave it out to use the sweep's \"threads\".");
            var sweep = SweepDefinition.Load(parse.GetValue(file)!);
            SweepTraining.ValidateAll(sweep);
            string resultsRoot = parse.GetValue(results)!;
            OutputLocation.RequireWritableFolder(Path.Combine(resultsRoot, sweep.Name), $"--results {resultsRoot}");
            var store = new SweepResultStore(resultsRoot, sweep.Name);
            string? sweepFolder = Path.GetDirectoryName(sweep.SourcePath);
            var onlyIds = parse.GetValue(only) is { Length: > 0 } ids ? ids : null;
            Console.WriteLine($"sweep {sweep.Name}: {sweep.Runs.Count} runs, results in {store.Folder}");

            var report = SweepRunner.Run(sweep, store,
                (context, token) => SweepTraining.Train(context, sweepFolder, new ProgressLineWriter(Console.Out), line => Console.WriteLine($"  data: {line}"), token, threadCount),
                new Progress(SweepEta.For(sweep, store)), onlyIds, cancellationToken: cancellation);
            Console.WriteLine(Outcome(sweep, store, report));
            return Task.FromResult(report.Failed > 0 ? Failures.Failed : 0);
        });
        return command;
    }

    private static string Outcome(SweepDefinition sweep, SweepResultStore store, SweepReport report)
    {
        var parts = new List<string> { $"{report.Completed} trained now", $"{report.AlreadyComplete} already done" };
        if (report.ClaimedElsewhere > 0) parts.Add($"{report.ClaimedElsewhere} still running elsewhere (run `scaling sweep status` later)");
        if (report.Failed > 0) parts.Add($"{report.Failed} failed (see *.failed.json in {store.Folder}; the next `sweep run` retries them)");
        return $"sweep {sweep.Name}: {string.Join(", ", parts)}" + (report.AllComplete ? "; every run has a record." : ".");
    }

    private static Command StatusCommand()
    {
        var file = new Argument<string>("SWEEP.json") { Description = "sweep definition" };
        var results = new Option<string>("--results") { Description = "results root", DefaultValueFactory = _ => DefaultResults };
        var command = new Command("status", "Show each run of a sweep: done, running elsewhere, failed or pending, with its losses.") { file, results };
        command.SetAction(parse =>
        {
            var sweep = SweepDefinition.Load(parse.GetValue(file)!);
            var store = new SweepResultStore(parse.GetValue(results)!, sweep.Name);
            var records = store.ReadAll();
            var table = new Table().AddColumns("run", "state", "N (non-emb.)", "tokens", "best val loss", "tokens/s", "worker");
            int currentRecords = 0;
            foreach (var run in sweep.Runs)
            {
                if (records.TryGetValue(run.Id, out var record))
                {
                    var r = SweepTraining.ToRunResult(record);
                    // A record from an older config is set aside and retrained by the next `sweep run`.
                    bool current = SweepResultStore.Matches(record, sweep.ConfigFor(run));
                    if (current) currentRecords++;
                    table.AddRow(run.Id, current ? r.Status.ToString() : "outdated (retrains)", r.NonEmbeddingParams.ToString("N0", CultureInfo.InvariantCulture),
                        r.Tokens.ToString("N0", CultureInfo.InvariantCulture), r.BestValLoss?.ToString("F4", CultureInfo.InvariantCulture) ?? "-",
                        r.TokensPerSecond.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(record["sweep"]?["worker"]?.GetValue<string>() ?? ""));
                }
                else
                {
                    string? holder = RunClaim.HolderOf(store.ClaimPath(run.Id));
                    string state = File.Exists(store.ClaimPath(run.Id)) ? "claimed" : File.Exists(store.FailurePath(run.Id)) ? "failed" : "pending";
                    table.AddRow(run.Id, state, "", "", "", "", Markup.Escape(holder ?? ""));
                }
            }
            AnsiConsole.Write(table);
            var eta = SweepEta.For(sweep, store);
            Console.WriteLine($"{currentRecords}/{sweep.Runs.Count} runs have current results in {store.Folder}; " +
                $"{eta.FractionDone:P0} of the planned training FLOPs ({eta.RemainingFlops:G3} FLOPs to go)");
            return 0;
        });
        return command;
    }

    /// <summary>One line per sweep event, readable in a terminal, a log file or a notebook; after each trained run, the sweep's ETA.</summary>
    private sealed class Progress(SweepEta eta) : IProgress<SweepEvent>
    {
        private readonly System.Diagnostics.Stopwatch clock = new();

        public void Report(SweepEvent e)
        {
            if (e.Kind == SweepEventKind.Started) clock.Restart();
            if (e.Kind == SweepEventKind.Completed) eta.Trained(e.RunId, clock.Elapsed.TotalSeconds);
            if (e.Kind == SweepEventKind.AlreadyComplete) eta.MarkDone(e.RunId);
            Console.WriteLine(e.Kind switch
            {
                SweepEventKind.Started => $"[{e.Index + 1}/{e.Count}] {e.RunId}: training",
                SweepEventKind.Completed => $"[{e.Index + 1}/{e.Count}] {e.RunId}: done; sweep {eta.FractionDone:P0} of planned FLOPs done" +
                    (eta.Remaining is { } left ? $", about {(int)left.TotalHours}:{left:mm\\:ss} left at the rate so far" : ""),
                SweepEventKind.AlreadyComplete => $"[{e.Index + 1}/{e.Count}] {e.RunId}: already done, skipped",
                SweepEventKind.Outdated => $"[{e.Index + 1}/{e.Count}] {e.RunId}: {e.Message}",
                SweepEventKind.ClaimedElsewhere => $"[{e.Index + 1}/{e.Count}] {e.RunId}: being trained by another process, skipped",
                SweepEventKind.Failed => $"[{e.Index + 1}/{e.Count}] {e.RunId}: FAILED: {e.Message}",
                _ => $"{e.RunId}: {e.Kind}",
            });
        }
    }
}
