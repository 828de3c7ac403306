using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScalingLaws.Experiments;

namespace ScalingLaws.Tests.Experiments;

/// <summary>The committed full-preset records that the notebooks render with cached = true.</summary>
public class CachedFullResultsTests
{
    private static string Sweeps => RepoRoot.Path("notebooks", "sweeps");

    private static string Results => RepoRoot.Path("data", "results");

    /// <summary>Every sweep with committed full records (language-full, image-photos-full, ...), by experiment name.</summary>
    public static TheoryData<string> CommittedFullSweeps()
    {
        var names = new TheoryData<string>();
        foreach (string folder in Directory.EnumerateDirectories(Results, "*-full").Where(f => Directory.EnumerateFiles(f, "*.json").Any()).Order(StringComparer.Ordinal))
            names.Add(Path.GetFileName(folder)[..^"-full".Length]);
        return names;
    }

    [Theory]
    [MemberData(nameof(CommittedFullSweeps))]
    public void Every_committed_full_record_was_trained_from_the_current_sweep_file_and_says_how_to_reproduce_it(string name)
    {
        var experiment = Experiment.Open(name, "full", Sweeps, cached: true, cachedResultsRoot: Results);
        var records = Directory.EnumerateFiles(experiment.Store.Folder, "*.json").Where(f => !f.EndsWith(".failed.json")).ToArray();

        Assert.NotEmpty(records);
        Assert.Empty(experiment.OutdatedRecords());
        Assert.Equal(records.Length, experiment.Runs().Count);
        foreach (string file in records)
        {
            var record = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            string id = Path.GetFileNameWithoutExtension(file);
            Assert.Matches(new Regex("^[0-9a-f]{40}$"), (string?)record["git_commit"]);
            Assert.False(string.IsNullOrEmpty((string?)record["machine"]?["host_name"]), $"{id} has no machine");
            Assert.True(DateTimeOffset.TryParse((string?)record["date"], out _), $"{id} has no date");
            Assert.Equal($"scaling sweep run notebooks/sweeps/{name}-full.json --results data/results --only {id}", (string?)record["sweep"]?["reproduce"]);
        }
    }

    [Fact]
    public void Cached_mode_leaves_out_a_record_trained_from_an_older_version_of_the_sweep_file()
    {
        using var temp = new Data.TempFolder();
        string root = temp.Path;
        // The full sweep file with one run's learning rate edited after its record was written.
        var sweep = JsonNode.Parse(File.ReadAllText(Path.Combine(Sweeps, "language-full.json")))!.AsObject();
        var edited = sweep["runs"]!.AsArray().Single(r => (string?)r!["id"] == "size-L1-d16")!.AsObject();
        edited["schedule"] = new JsonObject { ["peak_learning_rate"] = 0.0123 };
        Directory.CreateDirectory(Path.Combine(root, "sweeps"));
        File.WriteAllText(Path.Combine(root, "sweeps", "language-full.json"), sweep.ToJsonString());
        string records = Path.Combine(root, "results", "language-full");
        Directory.CreateDirectory(records);
        foreach (string id in new[] { "size-L1-d16", "size-L1-d32" })
            File.Copy(Path.Combine(Results, "language-full", id + ".json"), Path.Combine(records, id + ".json"));

        var experiment = Experiment.Open("language", "full", Path.Combine(root, "sweeps"), cached: true, cachedResultsRoot: Path.Combine(root, "results"));
        var log = new StringWriter();
        experiment.Train(log);

        Assert.Equal(["size-L1-d16"], experiment.OutdatedRecords());
        Assert.Equal(["size-L1-d32"], experiment.Runs().Select(r => r.Id));
        Assert.Contains("left out 1 record(s) trained from an older version", log.ToString());
        Assert.True(File.Exists(Path.Combine(records, "size-L1-d16.json")), "reading never moves or deletes a record");
    }
}
