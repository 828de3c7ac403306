using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.IO;

namespace ScalingLaws.Sweeps;

/// <summary>What the runner hands the code that trains one run.</summary>
/// <param name="RunId">The run's id within the sweep.</param>
/// <param name="Config">The run's full config (defaults merged with its overrides).</param>
/// <param name="WorkingFolder">Where the run keeps its checkpoints, so a killed run resumes from them.</param>
public sealed record SweepRunContext(string RunId, JsonObject Config, string WorkingFolder);

/// <summary>One event of a sweep, for progress displays.</summary>
public sealed record SweepEvent(string RunId, SweepEventKind Kind, int Index, int Count, string? Message = null);

/// <summary>What happened to a run in this pass.</summary>
public enum SweepEventKind
{
    /// <summary>Already has a result record.</summary>
    AlreadyComplete,
    /// <summary>Had a record from an earlier version of its config; the record was set aside and the run is trained again.</summary>
    Outdated,
    /// <summary>Another live process holds its claim.</summary>
    ClaimedElsewhere,
    /// <summary>This process claimed it and is training it.</summary>
    Started,
    /// <summary>Its result record was written.</summary>
    Completed,
    /// <summary>It threw; a failure note was written and the sweep went on.</summary>
    Failed,
}

/// <summary>The outcome of one pass over a sweep.</summary>
/// <param name="Total">Runs this pass looked at.</param>
/// <param name="Completed">Runs this process trained and recorded.</param>
/// <param name="AlreadyComplete">Runs that had records, including those another process finished while this one worked.</param>
/// <param name="ClaimedElsewhere">Runs another process is still training (counted when the pass ends).</param>
/// <param name="Failed">Runs that threw here; each has a failure note.</param>
public sealed record SweepReport(int Total, int Completed, int AlreadyComplete, int ClaimedElsewhere, int Failed)
{
    /// <summary>True when every run of the sweep now has a result.</summary>
    public bool AllComplete => Completed + AlreadyComplete == Total;
}

/// <summary>
/// Works through a sweep: skips runs that have results, claims each remaining run atomically, trains it with
/// the given delegate, and stores its record with the sweep's provenance. Any number of processes may run the
/// same sweep against the same results folder; a killed process's runs are picked up on the next pass.
/// </summary>
public static class SweepRunner
{
    /// <summary>Claims older than this with no heartbeat are taken over (a crashed machine, say).</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs every incomplete run of <paramref name="sweep"/> (or only <paramref name="onlyRunIds"/>), storing
    /// each record returned by <paramref name="train"/>. An exception from one run is recorded as that run's
    /// failure and the sweep goes on; cancellation stops after the current run's claim is released. A storage fault
    /// (<see cref="StorageFault"/>: a full disk, a forbidden folder) stops the sweep with an <see cref="IOException"/>
    /// that says what was kept: the records written so far, the failure note where it could be written, and a trained
    /// run's record saved by <see cref="RescuedFile"/> when the results folder could not take it. Temporary files
    /// that killed writers left (older than the stale limit) are removed first.
    /// </summary>
    public static SweepReport Run(
        SweepDefinition sweep,
        SweepResultStore store,
        Func<SweepRunContext, CancellationToken, JsonObject> train,
        IProgress<SweepEvent>? progress = null,
        IReadOnlyCollection<string>? onlyRunIds = null,
        TimeSpan? staleAfter = null,
        CancellationToken cancellationToken = default)
    {
        if (onlyRunIds is not null)
        {
            var unknown = onlyRunIds.Except(sweep.Runs.Select(r => r.Id)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"Sweep '{sweep.Name}' has no run(s) {string.Join(", ", unknown)}. Its runs: {string.Join(", ", sweep.Runs.Select(r => r.Id))}.", nameof(onlyRunIds));
        }
        var runs = sweep.Runs.Where(r => onlyRunIds is null || onlyRunIds.Contains(r.Id)).ToList();
        store.Create().RemoveStaleTemporaries(staleAfter ?? DefaultStaleAfter);
        int completed = 0, already = 0, failed = 0;
        var elsewhere = new List<string>();
        for (int i = 0; i < runs.Count; i++)
        {
            Execution.Interruption.ThrowIfRequested(cancellationToken);
            var run = runs[i];
            var config = sweep.ConfigFor(run);
            if (store.IsComplete(run.Id) && !store.MatchesConfig(run.Id, config))
            {
                string aside = store.RetireOutdated(run.Id);
                progress?.Report(new SweepEvent(run.Id, SweepEventKind.Outdated, i, runs.Count, $"its config changed since it was trained; old record kept as {aside}"));
            }
            if (store.IsComplete(run.Id))
            {
                already++;
                progress?.Report(new SweepEvent(run.Id, SweepEventKind.AlreadyComplete, i, runs.Count));
                continue;
            }
            using var claim = Claim(sweep, store, run.Id, staleAfter ?? DefaultStaleAfter, completed);
            // Re-check after claiming: another process may have finished the run between the two checks.
            if (claim is null || store.IsComplete(run.Id))
            {
                if (claim is null) elsewhere.Add(run.Id); else already++;
                progress?.Report(new SweepEvent(run.Id, claim is null ? SweepEventKind.ClaimedElsewhere : SweepEventKind.AlreadyComplete, i, runs.Count));
                continue;
            }

            progress?.Report(new SweepEvent(run.Id, SweepEventKind.Started, i, runs.Count));
            var context = new SweepRunContext(run.Id, config, store.WorkingFolder(run.Id));
            Directory.CreateDirectory(context.WorkingFolder);
            JsonObject record;
            try
            {
                record = train(context, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                string? noteError = TryNoteFailure(store, run.Id, e);
                progress?.Report(new SweepEvent(run.Id, SweepEventKind.Failed, i, runs.Count, e.Message));
                if (StorageFault.Is(e) || noteError is not null)
                    throw Stopped(sweep, store, run.Id, e, completed, noteError is null ? $"failure noted in {Path.GetFileName(store.FailurePath(run.Id))}" : "no failure note: " + noteError);
                continue;
            }
            record["sweep"] = Provenance(sweep, run, store);
            record[SweepResultStore.RunConfigKey] = config.DeepClone();
            try
            {
                store.TryWriteResult(run.Id, record);
            }
            catch (Exception e) when (StorageFault.Is(e))
            {
                // Never lose a trained run to a full results folder: its record goes where it can be written.
                TryNoteFailure(store, run.Id, e);
                throw Stopped(sweep, store, run.Id, e, completed, Rescue(sweep, store, run.Id, record));
            }
            store.ClearFailure(run.Id);
            completed++;
            progress?.Report(new SweepEvent(run.Id, SweepEventKind.Completed, i, runs.Count));
        }
        // Runs another process held may have finished meanwhile: report them as done, not as running elsewhere.
        int finishedElsewhere = elsewhere.Count(store.IsComplete);
        return new SweepReport(runs.Count, completed, already + finishedElsewhere, elsewhere.Count - finishedElsewhere, failed);
    }

    private static RunClaim? Claim(SweepDefinition sweep, SweepResultStore store, string runId, TimeSpan staleAfter, int completedNow)
    {
        try
        {
            return RunClaim.TryAcquire(store.ClaimPath(runId), staleAfter);
        }
        catch (Exception e) when (StorageFault.Is(e))
        {
            throw Stopped(sweep, store, runId, e, completedNow, "not even its claim file could be written");
        }
    }

    // Writes the run's failure note; returns why it could not be written (a storage fault), or null when it was.
    private static string? TryNoteFailure(SweepResultStore store, string runId, Exception e)
    {
        try
        {
            store.WriteFailure(runId, new JsonObject
            {
                ["run_id"] = runId,
                ["error"] = e.GetType().Name,
                ["message"] = e.Message,
                ["host"] = Environment.MachineName,
                ["date_utc"] = DateTime.UtcNow.ToString("O"),
            });
            return null;
        }
        catch (Exception noteFault) when (StorageFault.Is(noteFault))
        {
            return noteFault.Message;
        }
    }

    private static string Rescue(SweepDefinition sweep, SweepResultStore store, string runId, JsonObject record)
    {
        try
        {
            string rescued = RescuedFile.Save(Path.Combine(sweep.Name, runId + ".json"), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return $"its trained record was saved to {rescued}; copy it to {store.ResultPath(runId)}";
        }
        catch (Exception e) when (StorageFault.Is(e))
        {
            return $"its record could not be saved elsewhere either ({e.Message}); its final checkpoint in {store.WorkingFolder(runId)} is kept, so a rerun writes the record without training again";
        }
    }

    private static IOException Stopped(SweepDefinition sweep, SweepResultStore store, string runId, Exception cause, int completedNow, string kept) =>
        new($"sweep {sweep.Name} stopped at run {runId}: {cause.Message} ({kept}). The records in {store.Folder} are kept " +
            $"({completedNow} written by this process). Free space or fix the folder's permissions (or pass another --results), then run the same command again to continue.", cause);

    /// <summary>What ties a record to its sweep, and the command that reproduces it.</summary>
    private static JsonObject Provenance(SweepDefinition sweep, SweepRun run, SweepResultStore store) => new()
    {
        ["name"] = sweep.Name,
        ["run_id"] = run.Id,
        ["worker"] = SweepWorker.Current(),
        ["definition_path"] = sweep.SourcePath,
        ["definition_sha256"] = sweep.SourceSha256,
        ["reproduce"] = sweep.SourcePath is null ? null
            : $"scaling sweep run {RelativeToRepository(sweep.SourcePath)} --results {RelativeToRepository(Path.GetDirectoryName(store.Folder)!)} --only {run.Id}",
    };

    private static string RelativeToRepository(string path) =>
        Data.DataCache.FindRepositoryRoot(Path.GetDirectoryName(path)!) is { } root ? Path.GetRelativePath(root, path) : path;
}
