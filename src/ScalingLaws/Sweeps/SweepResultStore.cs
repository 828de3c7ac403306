using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.IO;

namespace ScalingLaws.Sweeps;

/// <summary>
/// The results of one sweep on disk: one JSON record per finished run (<c>ID.json</c>), written atomically,
/// plus claim files, failure notes and each run's working folder (checkpoints). One file per run means
/// concurrent writers never merge anything, so nothing is lost; a shared folder works across machines.
/// </summary>
public sealed class SweepResultStore
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Opens <c>ROOT/SWEEP_NAME/</c> without creating it: reading a sweep (its status, cached records) leaves no empty
    /// folder behind that would look like committed results. <see cref="Create"/> makes it before the first write.
    /// </summary>
    public SweepResultStore(string root, string sweepName) => Folder = Path.GetFullPath(Path.Combine(root, sweepName));

    /// <summary>Creates the folder, for a writer (a sweep about to train); returns this store.</summary>
    public SweepResultStore Create()
    {
        Directory.CreateDirectory(Folder);
        return this;
    }

    /// <summary>The sweep's results folder.</summary>
    public string Folder { get; }

    /// <summary>The result record's path for a run.</summary>
    public string ResultPath(string runId) => Path.Combine(Folder, runId + ".json");

    /// <summary>A run's claim file.</summary>
    public string ClaimPath(string runId) => Path.Combine(Folder, runId + ".claim");

    /// <summary>A run's note of its last failure (an exception, not a divergence: those are results).</summary>
    public string FailurePath(string runId) => Path.Combine(Folder, runId + ".failed.json");

    /// <summary>A run's working folder, where its checkpoints live so a killed run resumes.</summary>
    public string WorkingFolder(string runId) => Path.Combine(Folder, runId);

    /// <summary>The key under which a record keeps the run config it was trained from.</summary>
    public const string RunConfigKey = "run_config";

    /// <summary>
    /// True when the run's record was trained from <paramref name="config"/> (records without a stored config, or
    /// runs without a record, count as matching).
    /// </summary>
    public bool MatchesConfig(string runId, JsonObject config) =>
        !IsComplete(runId) || JsonNode.Parse(File.ReadAllText(ResultPath(runId))) is not JsonObject record || Matches(record, config);

    /// <summary>True when the run has a record trained from <paramref name="config"/>: done, not outdated.</summary>
    public bool IsCurrent(string runId, JsonObject config) => IsComplete(runId) && MatchesConfig(runId, config);

    /// <summary>True when <paramref name="record"/> was trained from <paramref name="config"/> (or stores no config).</summary>
    public static bool Matches(JsonObject record, JsonObject config) =>
        record[RunConfigKey] is not { } stored || JsonNode.DeepEquals(stored, config);

    /// <summary>
    /// Sets aside the record and working folder (checkpoints) of a run whose config has changed, so it trains
    /// afresh; nothing is deleted. Returns the new name of the record.
    /// </summary>
    public string RetireOutdated(string runId)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture);
        string aside = $"{ResultPath(runId)}.outdated-{stamp}";
        File.Move(ResultPath(runId), aside);
        if (Directory.Exists(WorkingFolder(runId))) Directory.Move(WorkingFolder(runId), $"{WorkingFolder(runId)}.outdated-{stamp}");
        return aside;
    }

    /// <summary>True when the run has a result record (completed, early-stopped or diverged).</summary>
    public bool IsComplete(string runId) => File.Exists(ResultPath(runId));

    /// <summary>
    /// Writes a run's record atomically. Returns false (and keeps the existing record) if another process
    /// finished the same run first.
    /// </summary>
    public bool TryWriteResult(string runId, JsonObject record)
    {
        string path = Create().ResultPath(runId);
        return AtomicFile.TryCreate(path, stream => Write(stream, path, record));
    }

    /// <summary>Records why a run failed, so the next pass can retry it and a person can read why.</summary>
    public void WriteFailure(string runId, JsonObject note)
    {
        string path = Create().FailurePath(runId);
        AtomicFile.Write(path, stream => Write(stream, path, note));
    }

    /// <summary>
    /// Deletes what killed or failed writers left in the folder (temporary files, checkpoints' included) that nothing has
    /// written to for <paramref name="olderThan"/>; a live writer's temporary is younger. Returns how many.
    /// </summary>
    public int RemoveStaleTemporaries(TimeSpan olderThan) => AtomicFile.RemoveStaleTemporaries(Folder, olderThan);

    /// <summary>
    /// Called with the path as each record or note is written, its temporary file open: the seam through which tests make
    /// writes fail as a full disk does.
    /// </summary>
    internal Action<string>? BeforeWrite { get; init; }

    private void Write(FileStream stream, string path, JsonObject value)
    {
        BeforeWrite?.Invoke(path);
        JsonSerializer.Serialize(stream, value, Indented);
    }

    /// <summary>Removes a run's failure note once it has succeeded.</summary>
    public void ClearFailure(string runId)
    {
        try { File.Delete(FailurePath(runId)); } catch (IOException) { }
    }

    /// <summary>Every result record in the folder, keyed by run id.</summary>
    public IReadOnlyDictionary<string, JsonObject> ReadAll()
    {
        var records = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        if (!Directory.Exists(Folder)) return records;
        foreach (var path in Directory.EnumerateFiles(Folder, "*.json"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (name.EndsWith(".failed", StringComparison.Ordinal)) continue;
            if (JsonNode.Parse(File.ReadAllText(path)) is JsonObject record) records[name] = record;
        }
        return records;
    }
}
