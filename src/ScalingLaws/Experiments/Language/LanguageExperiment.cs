using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Sweeps;
using ScalingLaws.Training;

namespace ScalingLaws.Experiments.Language;

/// <summary>
/// Notebook 01's sweep, end to end: the preset's sweep file, its results folder, training (or resuming) it, and
/// reading the records back. Live mode trains what is missing; cached mode only reads records that
/// <c>scaling sweep run</c> produced earlier (the committed full-preset results), and never trains.
/// </summary>
public sealed class LanguageExperiment
{
    private LanguageExperiment(SweepDefinition sweep, SweepResultStore store, bool cached)
    {
        (Sweep, Store, Cached) = (sweep, store, cached);
    }

    /// <summary>The sweep being run or read.</summary>
    public SweepDefinition Sweep { get; }

    /// <summary>Where its records are.</summary>
    public SweepResultStore Store { get; }

    /// <summary>True when reading cached results only.</summary>
    public bool Cached { get; }

    /// <summary>
    /// Opens preset <paramref name="preset"/> (smoke, quick or full: <c>SWEEPS/language-PRESET.json</c>). A
    /// <paramref name="corpus"/> folder of .txt files replaces the State of the Union addresses (its results get their own
    /// folder). With <paramref name="cached"/>, results are read from <paramref name="cachedResultsRoot"/> and nothing trains.
    /// </summary>
    public static LanguageExperiment Open(string preset, string sweepsFolder = "sweeps", string resultsRoot = "../out/sweeps",
        string? corpus = null, bool cached = false, string cachedResultsRoot = "../data/results")
    {
        string path = Path.Combine(sweepsFolder, $"language-{preset}.json");
        if (!File.Exists(path))
        {
            var known = Directory.Exists(sweepsFolder)
                ? Directory.EnumerateFiles(sweepsFolder, "language-*.json").Select(f => Path.GetFileNameWithoutExtension(f)["language-".Length..])
                : [];
            throw new ArgumentException($"Unknown preset '{preset}': {path} does not exist. Presets here: {string.Join(", ", known)}.");
        }
        var sweep = SweepDefinition.Load(path);
        if (!string.IsNullOrWhiteSpace(corpus))
        {
            if (!Directory.Exists(corpus))
                throw new DirectoryNotFoundException($"Corpus folder '{corpus}' does not exist. Give a folder of .txt files (one document per file), or leave corpus empty for the State of the Union addresses.");
            var defaults = (JsonObject)sweep.Defaults.DeepClone();
            if (defaults["dataset"] is not JsonObject dataset)
                throw new ArgumentException($"Preset '{preset}' names its data folder directly, so a corpus cannot be swapped in; use a preset with a \"dataset\" entry.");
            string fullPath = Path.GetFullPath(corpus);
            dataset["corpus"] = fullPath;
            // Name the results after the folder and a hash of its full path: two corpora called texts/ must not share results.
            string tag = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fullPath)))[..8];
            sweep = sweep with { Name = $"{sweep.Name}-{new DirectoryInfo(corpus).Name}-{tag}", Defaults = defaults };
        }
        SweepTraining.ValidateAll(sweep);
        var store = new SweepResultStore(cached ? cachedResultsRoot : resultsRoot, sweep.Name);
        if (cached && !sweep.Runs.Any(r => store.IsComplete(r.Id)))
            throw new InvalidOperationException(
                $"No cached results for {sweep.Name} in {store.Folder}. Produce them with `scaling sweep run {path} --results {cachedResultsRoot}`, or set cached = false to train now.");
        return new LanguageExperiment(sweep, store, cached);
    }

    /// <summary>
    /// Trains every run without a record (resuming killed ones from their checkpoints), printing one line per
    /// progress interval to <paramref name="log"/>; in cached mode only reports what is there.
    /// </summary>
    public SweepReport Train(TextWriter? log = null)
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
            new SweepEventLines(log));
        log.WriteLine($"{Sweep.Name}: {report.Completed} trained now, {report.AlreadyComplete} already done, {report.Failed} failed.");
        return report;
    }

    /// <summary>The records of this sweep's runs, typed (records of runs no longer in the sweep file, or trained from an older config, are left out).</summary>
    public IReadOnlyList<LanguageRun> Runs()
    {
        var runs = Sweep.Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return Store.ReadAll()
            .Where(pair => runs.TryGetValue(pair.Key, out var run) && SweepResultStore.Matches(pair.Value, Sweep.ConfigFor(run)))
            .Select(pair => LanguageRun.FromRecord(pair.Key, pair.Value)).ToArray();
    }

    /// <summary>
    /// Runs whose record was trained from another config than the sweep file now gives (the file was edited since):
    /// they are not this sweep's results, so analyses leave them out (a live run retires and retrains them).
    /// </summary>
    public IReadOnlyList<string> OutdatedRecords() =>
        Sweep.Runs.Where(r => !Store.MatchesConfig(r.Id, Sweep.ConfigFor(r))).Select(r => r.Id).ToArray();

    /// <summary>The prepared dataset the sweep trains on (fetched and prepared now if this machine lacks it: seconds).</summary>
    public PreparedDataset Dataset()
    {
        var config = SweepTraining.Resolve(new SweepRunContext("dataset", Sweep.ConfigFor(Sweep.Runs[0]), Path.GetTempPath()),
            Path.GetDirectoryName(Sweep.SourcePath));
        return PreparedDataset.Load(config.Data);
    }

    /// <summary>The number of tokens in the training split: Kaplan's D for the runs that used all of it.</summary>
    public long TrainTokens() => Dataset().Splits[PreparedDataset.Train].Tokens;

    /// <summary>One line per sweep event, written at once (System.Progress would post them out of order).</summary>
    private sealed class SweepEventLines(TextWriter log) : IProgress<SweepEvent>
    {
        public void Report(SweepEvent e) => log.WriteLine($"[{e.Index + 1}/{e.Count}] {e.RunId}: {e.Kind}{(e.Message is null ? "" : ": " + e.Message)}");
    }
}
