using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Sweeps;
using ScalingLaws.Training;

namespace ScalingLaws.Experiments;

/// <summary>
/// A notebook's sweep, end to end, for every notebook: the preset's sweep file (<c>SWEEPS/NAME-PRESET.json</c>), its
/// results folder, training (or resuming) what is missing, and reading the records back. Live mode trains; cached mode
/// only reads records that <c>scaling sweep run</c> produced earlier (the committed full-preset results) and never trains.
/// </summary>
public sealed class Experiment
{
    private Experiment(SweepDefinition sweep, SweepResultStore store, bool cached, string sweepPath)
    {
        (Sweep, Store, Cached, SweepPath) = (sweep, store, cached, sweepPath);
    }

    /// <summary>The sweep being run or read.</summary>
    public SweepDefinition Sweep { get; }

    /// <summary>Where its records are.</summary>
    public SweepResultStore Store { get; }

    /// <summary>True when reading cached results only.</summary>
    public bool Cached { get; }

    /// <summary>The sweep file as given (relative to the notebook).</summary>
    public string SweepPath { get; }

    /// <summary>
    /// Opens preset <paramref name="preset"/> of experiment <paramref name="name"/> (<c>SWEEPS/NAME-PRESET.json</c>).
    /// <paramref name="dataset"/> settings replace those of the sweep's "dataset" entry (a user's own corpus, image folder,
    /// caption file); the results then go to a folder of their own, named after <paramref name="datasetTag"/> and a hash
    /// of the settings. With <paramref name="cached"/>, results are read from <paramref name="cachedResultsRoot"/> and
    /// nothing trains.
    /// </summary>
    public static Experiment Open(string name, string preset, string sweepsFolder = "sweeps", string resultsRoot = "../out/sweeps",
        bool cached = false, string cachedResultsRoot = "../data/results", JsonObject? dataset = null, string? datasetTag = null)
    {
        string path = Path.Combine(sweepsFolder, $"{name}-{preset}.json");
        if (!File.Exists(path))
        {
            IEnumerable<string> known = Directory.Exists(sweepsFolder)
                ? Directory.EnumerateFiles(sweepsFolder, $"{name}-*.json").Select(f => Path.GetFileNameWithoutExtension(f)[(name.Length + 1)..]).Order()
                : [];
            throw new ArgumentException($"Unknown preset '{preset}': {path} does not exist. Presets of {name}: {string.Join(", ", known)}.");
        }
        var sweep = SweepDefinition.Load(path);
        if (dataset is { Count: > 0 })
        {
            var defaults = (JsonObject)sweep.Defaults.DeepClone();
            if (defaults["dataset"] is not JsonObject entry)
                throw new ArgumentException($"Preset '{preset}' names its data folder directly, so other data cannot be swapped in; use a preset with a \"dataset\" entry.");
            foreach (var (key, value) in dataset) entry[key] = value?.DeepClone();
            // Two folders called images/ must not share results: the tag is the folder's name, the hash its full settings.
            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataset.ToJsonString())))[..8];
            sweep = sweep with { Name = $"{sweep.Name}-{datasetTag ?? "custom"}-{hash}", Defaults = defaults };
        }
        SweepTraining.ValidateAll(sweep);
        var store = new SweepResultStore(cached ? cachedResultsRoot : resultsRoot, sweep.Name);
        if (cached && !sweep.Runs.Any(r => store.IsComplete(r.Id)))
            throw new InvalidOperationException(
                $"No cached results for {sweep.Name} in {store.Folder}. Produce them with `scaling sweep run {path} --results {cachedResultsRoot}`, or set cached = false to train now.");
        var experiment = new Experiment(sweep, store, cached, path);
        // A user's own data is read now, so a wrong folder fails here, before any run starts, not once per run.
        if (dataset is { Count: > 0 } && !cached) experiment.DatasetFolder(log: line => Console.WriteLine($"  data: {line}"));
        return experiment;
    }

    /// <summary>
    /// Trains every run without a record (resuming killed ones from their checkpoints), printing one line per progress
    /// interval to <paramref name="log"/>; in cached mode only reports what is there.
    /// </summary>
    public SweepReport Train(TextWriter? log = null, CancellationToken cancellation = default)
    {
        log ??= Console.Out;
        if (Cached)
        {
            var outdated = OutdatedRecords();
            int done = Sweep.Runs.Count(r => Store.IsComplete(r.Id)) - outdated.Count;
            log.WriteLine($"cached: {done}/{Sweep.Runs.Count} runs of {Sweep.Name} have records in {Store.Folder}; nothing is trained.");
            if (outdated.Count > 0)
                log.WriteLine($"cached: left out {outdated.Count} record(s) trained from an older version of {Sweep.SourcePath}: " +
                    $"{string.Join(", ", outdated)}. `scaling sweep run` sets them aside and trains them again.");
            return new SweepReport(Sweep.Runs.Count, 0, done, 0, 0);
        }
        string? folder = Path.GetDirectoryName(Sweep.SourcePath);
        var progress = new ProgressLineWriter(log);
        var report = SweepRunner.Run(Sweep, Store,
            (context, token) => SweepTraining.Train(context, folder, progress, line => log.WriteLine($"  data: {line}"), token),
            new SweepEventLines(log), cancellationToken: cancellation);
        log.WriteLine($"{Sweep.Name}: {report.Completed} trained now, {report.AlreadyComplete} already done, {report.Failed} failed.");
        return report;
    }

    /// <summary>The records of this sweep's runs (records of runs no longer in the sweep file, or trained from an older config, are left out).</summary>
    public IReadOnlyList<ExperimentRun> Runs()
    {
        var runs = Sweep.Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return Store.ReadAll()
            .Where(pair => runs.TryGetValue(pair.Key, out var run) && SweepResultStore.Matches(pair.Value, Sweep.ConfigFor(run)))
            .Select(pair => ExperimentRun.FromRecord(pair.Key, pair.Value)).ToArray();
    }

    /// <summary>
    /// Runs whose record was trained from another config than the sweep file now gives (the file was edited since):
    /// they are not this sweep's results, so analyses leave them out (a live run retires and retrains them).
    /// </summary>
    public IReadOnlyList<string> OutdatedRecords() =>
        Sweep.Runs.Where(r => !Store.MatchesConfig(r.Id, Sweep.ConfigFor(r))).Select(r => r.Id).ToArray();

    /// <summary>
    /// The prepared dataset folder of run <paramref name="runId"/> (the first run when null), prepared now if this
    /// machine lacks it.
    /// </summary>
    public string DatasetFolder(string? runId = null, Action<string>? log = null)
    {
        var run = runId is null ? Sweep.Runs[0] : Sweep.Runs.FirstOrDefault(r => r.Id == runId)
            ?? throw new ArgumentException($"Sweep {Sweep.Name} has no run '{runId}'.");
        return SweepTraining.Resolve(new SweepRunContext(run.Id, Sweep.ConfigFor(run), Path.GetTempPath()), Path.GetDirectoryName(Sweep.SourcePath), log).Data;
    }

    /// <summary>One line per sweep event, written at once (System.Progress would post them out of order).</summary>
    private sealed class SweepEventLines(TextWriter log) : IProgress<SweepEvent>
    {
        public void Report(SweepEvent e) => log.WriteLine($"[{e.Index + 1}/{e.Count}] {e.RunId}: {e.Kind}{(e.Message is null ? "" : ": " + e.Message)}");
    }
}
