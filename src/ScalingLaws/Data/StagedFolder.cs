namespace ScalingLaws.Data;

/// <summary>
/// Builds a folder beside its final place and swaps it in when it is complete, so a process that has the old files
/// memory-mapped (a sweep worker, a notebook) keeps reading intact files, a crash never leaves half a folder, and two
/// builders never interleave their writes.
/// </summary>
public static class StagedFolder
{
    /// <summary>Runs <paramref name="build"/> on a fresh staging folder, then publishes it at <paramref name="target"/>.</summary>
    public static T Build<T>(string target, Func<string, T> build)
    {
        target = Path.GetFullPath(target);
        string staging = $"{target}.staging-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(staging);
            var result = build(staging);
            Publish(staging, target);
            return result;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Moves a finished staging folder into place, setting any earlier folder aside (then deleting it).</summary>
    public static void Publish(string staging, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(target))
                {
                    string old = $"{target}.old-{Guid.NewGuid():N}";
                    Directory.Move(target, old);
                    Directory.Delete(old, recursive: true);
                }
                Directory.Move(staging, target);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // Another builder published between our two moves; set its (identical) folder aside and retry.
                Thread.Sleep(50);
            }
        }
    }
}
