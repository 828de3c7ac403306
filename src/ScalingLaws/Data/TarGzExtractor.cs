using System.Formats.Tar;
using System.IO.Compression;

namespace ScalingLaws.Data;

/// <summary>Extracts an npm .tgz (gzip + tar) into a folder, dropping npm's leading "package/" folder.</summary>
public static class TarGzExtractor
{
    /// <summary>Extracts regular files and folders of <paramref name="tgzPath"/> into <paramref name="destination"/>.</summary>
    /// <returns>The number of files written.</returns>
    public static int Extract(string tgzPath, string destination)
    {
        string root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        using var file = File.OpenRead(tgzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        int files = 0;
        while (Read(tgzPath, () => reader.GetNextEntry()) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory))
                continue; // npm tarballs hold only files and folders; links are skipped rather than followed
            string relative = StripPackagePrefix(entry.Name);
            if (relative.Length == 0) continue;
            string target = Path.GetFullPath(Path.Combine(root, relative));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"{tgzPath} holds the entry '{entry.Name}', which points outside the extraction folder; refusing to extract it.");
            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(target);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var output = File.Create(target);
            Read(tgzPath, () =>
            {
                entry.DataStream?.CopyTo(output);
                return entry;
            });
            files++;
        }
        return files;
    }

    /// <summary>Runs a read from the archive, turning format errors into one message that names the file and the fix.</summary>
    private static T? Read<T>(string tgzPath, Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"{tgzPath} is not a readable .tgz ({e.Message}). Delete it and fetch again.", e);
        }
    }

    private static string StripPackagePrefix(string name)
    {
        name = name.Replace('\\', '/').TrimStart('/');
        const string prefix = "package/";
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }
}
