namespace ScalingLaws.IO;

/// <summary>
/// Where a finished result goes when the place it belongs cannot be written (a full disk, a forbidden folder): the
/// system's temporary folder, under <c>scaling-rescued/</c>, so hours of training are never lost to where they were to
/// be written. The caller says where the file went.
/// </summary>
public static class RescuedFile
{
    /// <summary>The folder rescued files go to.</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "scaling-rescued");

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> (atomically); when that fails for any reason of the file
    /// system, writes it to <c>Folder/rescueName</c> instead. Returns where it went and, if rescued, why.
    /// </summary>
    public static (string Path, Exception? Fault) WriteOrRescue(string path, string text, string rescueName)
    {
        try
        {
            AtomicFile.WriteAllText(path, text);
            return (path, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (Save(rescueName, text), e);
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <c>Folder/relativePath</c> (with a time stamp if that name is taken) and returns
    /// the path; throws only when the temporary folder cannot be written either.
    /// </summary>
    public static string Save(string relativePath, string text)
    {
        string path = Path.Combine(Folder, relativePath);
        if (File.Exists(path))
            path = Path.Combine(Path.GetDirectoryName(path)!,
                $"{Path.GetFileNameWithoutExtension(path)}-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}{Path.GetExtension(path)}");
        AtomicFile.WriteAllText(path, text);
        return path;
    }
}
