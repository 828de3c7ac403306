namespace ScalingLaws.Notebooks;

/// <summary>The --out folder, checked before any cell runs: a run must not compute for minutes and then fail to write.</summary>
public static class OutputFolder
{
    /// <summary>
    /// Creates <paramref name="path"/> if missing and proves a file can be written there; throws
    /// <see cref="NotebookInputException"/> naming the folder and the fix otherwise.
    /// </summary>
    public static void EnsureWritable(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".scaling-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new NotebookInputException(
                $"--out {path}: cannot create or write the folder {full} ({e.Message}). Fix: give a folder you can write, e.g. --out out.");
        }
    }
}
