namespace ScalingLaws.Tests;

/// <summary>Finds files committed in the repository, walking up from the test binaries to ScalingNotebooks.sln.</summary>
internal static class RepoRoot
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ScalingNotebooks.sln")))
                return System.IO.Path.Combine([dir.FullName, .. parts]);
        throw new DirectoryNotFoundException($"No ScalingNotebooks.sln above {AppContext.BaseDirectory}.");
    }
}
