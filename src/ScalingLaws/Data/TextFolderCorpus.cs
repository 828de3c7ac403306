namespace ScalingLaws.Data;

/// <summary>
/// A user's own corpus: every .txt file under a folder is one document, its id the relative path. A file that is not
/// text (a program or an image renamed .txt) is skipped, named in the log, rather than tokenised as if it were prose.
/// </summary>
public static class TextFolderCorpus
{
    /// <summary>Reads all *.txt files under <paramref name="folder"/> (recursively) in ordinal path order.</summary>
    public static TextCorpus Load(string folder, Action<string>? log = null)
    {
        string root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"The corpus folder {root} does not exist; pass a folder of .txt files (one document per file) or 'sotu'.");
        var documents = new List<TextDocument>();
        var skipped = new List<string>();
        foreach (var (path, id) in Directory.GetFiles(root, "*.txt", SearchOption.AllDirectories)
                     .Select(path => (path, id: Path.GetRelativePath(root, path).Replace('\\', '/')))
                     .OrderBy(f => f.id, StringComparer.Ordinal))
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0) continue;
            if (LooksBinary(bytes)) skipped.Add(id);
            else documents.Add(new TextDocument(id, bytes, new Dictionary<string, string> { ["file"] = id }));
        }
        if (skipped.Count > 0)
            log?.Invoke($"skipped {skipped.Count} .txt file(s) in {root} that are not text (they hold NUL or other control bytes): {string.Join(", ", skipped)}");
        if (documents.Count == 0)
            throw new InvalidDataException($"{root} holds no non-empty .txt files of text{(skipped.Count > 0 ? $" ({skipped.Count} binary file(s) skipped: {string.Join(", ", skipped)})" : "")}; " +
                "a corpus folder needs at least one (two or more to have a validation split).");
        return new TextCorpus(new DirectoryInfo(root).Name, root, documents);
    }

    /// <summary>
    /// A NUL byte, or more than 1% control bytes other than tab, newline, carriage return and form feed, in the first
    /// 64 KiB: text in any 8-bit or UTF encoding but UTF-16 has neither, executables and images have both.
    /// </summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 1 << 16)];
        if (head.Contains((byte)0)) return true;
        int control = 0;
        foreach (byte b in head)
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C) control++;
        return control > head.Length / 100;
    }
}
