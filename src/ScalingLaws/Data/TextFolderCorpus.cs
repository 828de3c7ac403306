namespace ScalingLaws.Data;

/// <summary>A user's own corpus: every .txt file under a folder is one document, its id the relative path.</summary>
public static class TextFolderCorpus
{
    /// <summary>Reads all *.txt files under <paramref name="folder"/> (recursively) in ordinal path order.</summary>
    public static TextCorpus Load(string folder)
    {
        string root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"The corpus folder {root} does not exist; pass a folder of .txt files (one document per file) or 'sotu'.");
        var documents = Directory.GetFiles(root, "*.txt", SearchOption.AllDirectories)
            .Select(path => (path, id: Path.GetRelativePath(root, path).Replace('\\', '/')))
            .OrderBy(f => f.id, StringComparer.Ordinal)
            .Select(f => new TextDocument(f.id, File.ReadAllBytes(f.path), new Dictionary<string, string> { ["file"] = f.id }))
            .Where(d => d.Bytes.Length > 0)
            .ToList();
        if (documents.Count == 0)
            throw new InvalidDataException($"{root} holds no non-empty .txt files; a corpus folder needs at least one (two or more to have a validation split).");
        return new TextCorpus(new DirectoryInfo(root).Name, root, documents);
    }
}
