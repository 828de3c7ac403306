using System.Text.Json.Nodes;
using ScalingLaws.Sweeps;

namespace ScalingLaws.Tests.Sweeps;

public class SweepDefinitionTests
{
    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void Run_config_is_defaults_with_overrides_merged_key_by_key()
    {
        var sweep = SweepDefinition.Parse(Parse("""
            {"name": "s", "defaults": {"model": {"n_layer": 2, "d_model": 64}, "seed": 1},
             "runs": [{"id": "a", "model": {"d_model": 128}}, {"id": "b", "seed": 2}]}
            """));
        var a = sweep.ConfigFor(sweep.Runs[0]);
        Assert.Equal(2, a["model"]!["n_layer"]!.GetValue<int>());
        Assert.Equal(128, a["model"]!["d_model"]!.GetValue<int>());
        Assert.Equal(1, a["seed"]!.GetValue<int>());
        Assert.Equal(2, sweep.ConfigFor(sweep.Runs[1])["seed"]!.GetValue<int>());
        Assert.Null(a["id"]);
        // The defaults are not changed by merging.
        Assert.Equal(64, sweep.Defaults["model"]!["d_model"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"runs": [{"id": "a"}]}""", "missing \"name\"")]
    [InlineData("""{"name": "s", "runs": []}""", "non-empty array")]
    [InlineData("""{"name": "s", "runs": [{"seed": 1}]}""", "has no \"id\"")]
    [InlineData("""{"name": "s", "runs": [{"id": "a"}, {"id": "a"}]}""", "appears twice")]
    [InlineData("""{"name": "s", "runs": [{"id": "../evil"}]}""", "may hold only")]
    [InlineData("""{"name": "a b", "runs": [{"id": "a"}]}""", "may hold only")]
    public void Bad_sweep_files_are_rejected_with_the_reason(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SweepDefinition.Parse(Parse(json), "test.json"));
        Assert.Contains(expected, error.Message);
        Assert.Contains("test.json", error.Message);
    }

    [Fact]
    public void Load_records_the_file_and_its_checksum_and_names_a_missing_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"name": "s", "runs": [{"id": "a"}]} """);
        try
        {
            var sweep = SweepDefinition.Load(path);
            Assert.Equal(Path.GetFullPath(path), sweep.SourcePath);
            Assert.Equal(64, sweep.SourceSha256!.Length);
        }
        finally { File.Delete(path); }
        var error = Assert.Throws<FileNotFoundException>(() => SweepDefinition.Load(path));
        Assert.Contains(path, error.Message);
    }
}
