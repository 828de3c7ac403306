using System.Text;

namespace ScalingLaws.IO;

/// <summary>
/// The one way this project writes a file that others read: into a temporary sibling with a unique name, then renamed
/// into place (atomic on one file system), so a reader sees the old file or the new one, never half of one, and two
/// writers never share a temporary. The folder is created if needed; a failed write removes its temporary and leaves
/// any existing file as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8, replacing the file.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes <paramref name="bytes"/>, replacing the file.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>
    /// Streams the file through <paramref name="write"/> (no size limit, nothing held in memory) and renames it into
    /// place. With <paramref name="durable"/> the bytes reach the disk before the rename, so a crash cannot leave a
    /// renamed but empty file (checkpoints need this).
    /// </summary>
    public static void Write(string path, Action<FileStream> write, bool durable = false) => Publish(path, write, durable, overwrite: true);

    /// <summary>
    /// Writes the file only if it does not exist yet: false (and nothing changed) when another writer created it first.
    /// </summary>
    public static bool TryCreate(string path, Action<FileStream> write) => Publish(path, write, durable: false, overwrite: false);

    /// <summary>
    /// Deletes temporaries under <paramref name="folder"/> (recursively) not written to for <paramref name="olderThan"/>:
    /// what killed or failed writers left behind. A live writer's temporary is younger, so it is kept. Returns how many.
    /// </summary>
    public static int RemoveStaleTemporaries(string folder, TimeSpan olderThan)
    {
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < olderThan) continue;
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // gone already, or not ours to delete
        }
        return removed;
    }

    private static bool Publish(string path, Action<FileStream> write, bool durable, bool overwrite)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }
            try
            {
                File.Move(temporary, full, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                return false;
            }
            return true;
        }
        finally
        {
            try { File.Delete(temporary); } // already renamed on success; a failed write's leftover otherwise
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
