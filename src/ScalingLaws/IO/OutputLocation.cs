namespace ScalingLaws.IO;

/// <summary>
/// Checks, before any work starts, that results can be written where they are to go, so that hours of training never
/// end in "cannot write". Creates the folder when it is missing.
/// </summary>
public static class OutputLocation
{
    /// <summary>
    /// Creates <paramref name="folder"/> if needed and proves it writable with a probe file; throws
    /// <see cref="ArgumentException"/> naming <paramref name="what"/> (e.g. "--out /proc/x/y.json") and the fix.
    /// </summary>
    public static void RequireWritableFolder(string folder, string what)
    {
        string full = Path.GetFullPath(folder);
        try
        {
            if (File.Exists(full)) throw new IOException($"{full} is a file, not a folder");
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".write-probe-{Guid.NewGuid():N}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ArgumentException($"{what}: cannot write to {full} ({e.Message.TrimEnd('.')}). Choose a folder you can write to.", e);
        }
    }

    /// <summary>The same check for the folder a file will be written into; also refuses a path that names a folder.</summary>
    public static void RequireWritableFile(string path, string what)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new ArgumentException($"{what}: {full} is a folder; give the path of the file to write, e.g. {Path.Combine(full, "result.json")}.");
        RequireWritableFolder(Path.GetDirectoryName(full)!, what);
    }
}
