using System.Diagnostics;
using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Data.Mathematics;
using Xunit.Abstractions;

namespace ScalingLaws.Tests.Data.Mathematics;

public class MathDatasetKindTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("""{"kind": "math", "entropy": [5, 2]}""", "entropy is [5, 2]")]
    [InlineData("""{"kind": "math", "entropy": "big"}""", "entropy must be a pair [min, max]")]
    [InlineData("""{"kind": "math", "entropy": [0.5, 3]}""", "1 <= min <= max")]
    [InlineData("""{"kind": "math", "extrapolate_entropy": [3, 5]}""", "extrapolate_entropy [3, 5] must start at or above the top of entropy [2, 4]")]
    [InlineData("""{"kind": "math", "entropy": [2, 5], "extrapolate_entropy": [5, 5]}""", "extrapolate_entropy [5, 5] must reach above")]
    [InlineData("""{"kind": "math", "modules": ["arithmetic__nope"]}""", "unknown module 'arithmetic__nope'; the modules are algebra__linear_1d")]
    [InlineData("""{"kind": "math", "modules": []}""", "modules must be a non-empty list")]
    [InlineData("""{"kind": "math", "train_examples_per_module": 0}""", "train_examples_per_module is 0")]
    [InlineData("""{"kind": "math", "test_examples_per_module": "many"}""", "test_examples_per_module must be a whole number")]
    [InlineData("""{"kind": "math", "terms": [2.5, 4]}""", "terms is [2.5, 4]")]
    [InlineData("""{"kind": "math", "items": [3, 19]}""", "items [3, 19] plus extra_items 2")]
    [InlineData("""{"kind": "math", "difficulty": 3}""", "'difficulty' is not a setting of kind 'math'")]
    [InlineData("""{"kind": "math", "folder": "/data/mathematics_dataset-v1.0", "entropy": [2, 4]}""", "entropy is a setting of the generator")]
    [InlineData("""{"kind": "math", "folder": ""}""", "folder must name the extracted mathematics_dataset folder")]
    public void Bad_settings_are_refused_before_anything_runs_naming_the_setting(string spec, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetKinds.Validate(JsonNode.Parse(spec)!.AsObject()));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Good_settings_pass_and_a_folder_is_only_read_when_the_dataset_is_prepared()
    {
        DatasetKinds.Validate(JsonNode.Parse("""{"kind": "math", "modules": ["comparison__sort"], "entropy": [1, 2], "terms": [3, 3], "seed": 4}""")!.AsObject());
        var missing = JsonNode.Parse("""{"kind": "math", "folder": "/no/such/mathematics_dataset"}""")!.AsObject();
        DatasetKinds.Validate(missing);
        using var temp = new TempFolder();
        var e = Assert.Throws<DirectoryNotFoundException>(() => DatasetKinds.EnsurePrepared(missing, new DataCache(temp.Path)));
        Assert.Contains("/no/such/mathematics_dataset", e.Message);
    }

    [Fact]
    public void The_default_settings_prepare_a_dataset_of_every_module_with_its_provenance_at_little_more_than_one_draw_per_question()
    {
        using var temp = new TempFolder();
        var cache = new DataCache(temp.Path);
        var spec = JsonNode.Parse("""{"kind": "math"}""")!.AsObject();
        var clock = Stopwatch.StartNew();
        string folder = DatasetKinds.EnsurePrepared(spec, cache, output.WriteLine);
        output.WriteLine($"prepared the default math dataset in {clock.Elapsed.TotalSeconds:F1} s");

        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
        Assert.Equal("math", meta["kind"]!.GetValue<string>());
        Assert.Equal(MathGenerator.Version, meta["generator_version"]!.GetValue<string>());
        Assert.Equal(0, meta["seed"]!.GetValue<int>());
        Assert.Equal(20_000, meta["effective_settings"]!["train_examples_per_module"]!.GetValue<int>());
        Assert.Equal("[6,7]", meta["difficulty"]!["extrapolate"]!["entropy"]!.ToJsonString());
        var questions = meta["questions"]!;
        long kept = 0, drawn = 0, duplicates = 0;
        foreach (var (_, modules) in questions.AsObject())
            foreach (var (_, counts) in modules!.AsObject())
            {
                kept += counts!["questions"]!.GetValue<int>();
                drawn += counts["drawn"]!.GetValue<int>();
                duplicates += counts["duplicates_of_train_removed"]!.GetValue<int>();
            }
        Assert.Equal(duplicates, meta["duplicates_removed"]!.GetValue<int>());
        // What makes generation slow is redrawing (duplicates, too long, not beyond training): it stays rare.
        Assert.True(drawn < 1.1 * kept, $"{drawn:N0} draws for {kept:N0} questions");

        using var data = TokenDataset.Open(folder);
        Assert.Equal(13 * 20_000, data.Train.ExampleCount);
        Assert.Equal(13 * 200, data.Validation.ExampleCount);
        Assert.Equal(24, data.Layout.Subsets.Count);
        Assert.Equal(["answer"], data.Layout.StopTokens.Keys);
        var pairs = MathDatasetKind.ExtrapolatePairs(folder);
        Assert.Equal("arithmetic__add_or_sub", pairs["arithmetic__add_or_sub_big"]);
        Assert.Equal("comparison__sort", pairs["comparison__sort_more"]);
        using var interpolate = TokenDataset.OpenExtraSplit(folder, "interpolate", data.Layout);
        using var extrapolate = TokenDataset.OpenExtraSplit(folder, "extrapolate", data.Layout);
        Assert.Equal(13 * 500, interpolate.ExampleCount);
        Assert.Equal(11 * 500, extrapolate.ExampleCount);
        // Interpolate examples carry training modules, extrapolate examples their _big, _longer and _more twins.
        var interpolateModules = Enumerable.Range(0, interpolate.ExampleCount).Select(i => data.Layout.Subsets[interpolate.Subset(i)]).ToHashSet();
        var extrapolateModules = Enumerable.Range(0, extrapolate.ExampleCount).Select(i => data.Layout.Subsets[extrapolate.Subset(i)]).ToHashSet();
        Assert.Equal(MathModules.All.Select(m => m.Name).ToHashSet(), interpolateModules);
        Assert.Equal(pairs.Keys.ToHashSet(), extrapolateModules);
        Assert.Equal(extrapolateModules.Order(), meta["subsets_by_split"]!["extrapolate"]!.AsArray().Select(n => n!.GetValue<string>()).Order());

        // Prepared once: the same entry finds the cached folder.
        var lines = new List<string>();
        Assert.Equal(folder, DatasetKinds.EnsurePrepared(spec, cache, lines.Add));
        Assert.Contains(lines, l => l.StartsWith("up to date"));
    }
}
