namespace ScalingLaws.Sweeps;

/// <summary>
/// Folders that are, by convention, private to each machine of a cluster (<c>/tmp</c>, <c>/var/tmp</c>,
/// <c>/dev/shm</c>, the temp folder). A results folder there is invisible to workers on other nodes: each node would
/// train every run itself and keep its records where no one else looks.
/// </summary>
public static class NodeLocalStorage
{
    private static readonly string[] ConventionalRoots = ["/tmp", "/var/tmp", "/dev/shm"];

    /// <summary>
    /// The node-local folder that holds <paramref name="path"/> (e.g. <c>/tmp</c>), or null when the path is not in
    /// one; <paramref name="tempFolder"/> (the process's temp folder, often per-node scratch on clusters) counts too.
    /// </summary>
    public static string? RootOf(string path, string? tempFolder = null)
    {
        string full = Path.GetFullPath(path);
        var roots = tempFolder is null ? ConventionalRoots : [.. ConventionalRoots, Path.TrimEndingDirectorySeparator(Path.GetFullPath(tempFolder))];
        return roots.FirstOrDefault(root => root != "/" && (full == root || full.StartsWith(root + "/", StringComparison.Ordinal)));
    }
}
