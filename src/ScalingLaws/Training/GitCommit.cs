using System.Reflection;

namespace ScalingLaws.Training;

/// <summary>
/// The git commit behind a run: the one this library was built from (the .NET SDK stamps it into the informational
/// version, "0.1.0+SHA"), else the one checked out where the run starts (read from <c>.git</c> without running git).
/// </summary>
public static class GitCommit
{
    /// <summary>
    /// The commit of the code that is running: the build's commit when the SDK recorded one, else the checkout
    /// containing <paramref name="directory"/>.
    /// </summary>
    public static string? OfRunningCode(string directory) => OfBuild() ?? Find(directory);

    /// <summary>The commit this library was built from, or null when the build did not record one.</summary>
    public static string? OfBuild()
    {
        string? version = InformationalVersion;
        int plus = version?.IndexOf('+') ?? -1;
        string? sha = plus >= 0 ? version![(plus + 1)..] : null;
        return sha is not null && IsSha(sha) ? sha : null;
    }

    /// <summary>The library's informational version (e.g. "0.1.0+SHA").</summary>
    public static string LibraryVersion() =>
        InformationalVersion ?? typeof(GitCommit).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string? InformationalVersion =>
        typeof(GitCommit).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>The commit checked out in the repository containing <paramref name="directory"/>, or null if none is found.</summary>
    public static string? Find(string directory)
    {
        try
        {
            for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            {
                string dotGit = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(dotGit)) return Resolve(dotGit);
                if (File.Exists(dotGit))
                {
                    // A worktree or submodule: ".git" is a file "gitdir: <path>".
                    string line = File.ReadAllText(dotGit).Trim();
                    if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
                    return Resolve(Path.GetFullPath(Path.Combine(dir.FullName, line["gitdir:".Length..].Trim())));
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static string? Resolve(string gitDir)
    {
        string head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal)) return IsSha(head) ? head : null;
        string refName = head["ref:".Length..].Trim();
        string commonFile = Path.Combine(gitDir, "commondir");
        string common = File.Exists(commonFile)
            ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim()))
            : gitDir;
        foreach (string root in new[] { gitDir, common })
        {
            string loose = Path.Combine(root, refName);
            if (File.Exists(loose)) return File.ReadAllText(loose).Trim();
        }
        string packed = Path.Combine(common, "packed-refs");
        if (File.Exists(packed))
            foreach (string line in File.ReadLines(packed))
                if (line.EndsWith(" " + refName, StringComparison.Ordinal) && IsSha(line[..40])) return line[..40];
        return null;
    }

    private static bool IsSha(string s) => s.Length == 40 && s.All(Uri.IsHexDigit);
}
