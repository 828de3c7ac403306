namespace ScalingLaws.Training;

/// <summary>Reads the current git commit from <c>.git</c> without running git (worktrees and packed refs included).</summary>
public static class GitCommit
{
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
