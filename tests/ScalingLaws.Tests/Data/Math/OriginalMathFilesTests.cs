using System.Text.Json.Nodes;
using ScalingLaws.Data;
using ScalingLaws.Data.Mathematics;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Data.Mathematics;

public class OriginalMathFilesTests
{
    private static readonly MathSettings Small = new()
    {
        Modules = [ArithmeticModules.AddOrSub, ComparisonModules.Sort, PolynomialsModules.Evaluate],
        TrainPerModule = 300,
        ValPerModule = 30,
        TestPerModule = 40,
    };

    [Fact]
    public void Questions_written_in_the_original_layout_read_back_as_they_were()
    {
        using var temp = new TempFolder();
        var generated = MathGenerator.Generate(Small);
        OriginalMathFiles.Write(temp.Path, generated);
        Assert.True(File.Exists(Path.Combine(temp.Path, "train-easy", "arithmetic__add_or_sub.txt")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "extrapolate", "comparison__sort_more.txt")));

        var read = OriginalMathFiles.Load(temp.Path, modules: null, 300, 30, 40);
        foreach (string split in MathQuestionSet.SplitNames)
            Assert.Equal(generated.Splits[split], read.Splits[split]);
        Assert.Equal(generated.ExtrapolatePairs, read.ExtrapolatePairs);
        Assert.Equal(0, read.DuplicatesRemoved);

        var sortOnly = OriginalMathFiles.Load(temp.Path, ["comparison__sort"], 100, 10, 5);
        Assert.Equal(["comparison__sort"], sortOnly.Splits["interpolate"].Select(q => q.Module).Distinct());
        Assert.Equal(["comparison__sort_more"], sortOnly.Splits["extrapolate"].Select(q => q.Module).Distinct());
        Assert.Equal(generated.Splits["train"].Where(q => q.Module == "comparison__sort").Take(100), sortOnly.Splits["train"]);
    }

    [Fact]
    public void Training_questions_come_in_equal_shares_from_each_training_folder_and_val_follows_them()
    {
        using var temp = new TempFolder();
        foreach (string level in new[] { "train-easy", "train-medium", "train-hard" })
            WriteModule(temp.Path, level, "numbers__place_value", Enumerable.Range(0, 5).Select(i => ($"{level} question {i}?", $"{i}")));
        WriteModule(temp.Path, "interpolate", "numbers__place_value", [("train-easy question 0?", "0"), ("Held out?", "1")]);
        WriteModule(temp.Path, "extrapolate", "numbers__place_value_big", [("Bigger?", "2")]);

        var set = OriginalMathFiles.Load(temp.Path, modules: null, trainPerModule: 7, valPerModule: 3, testPerModule: 10);
        Assert.Equal(["train-easy question 0?", "train-easy question 1?", "train-easy question 2?",
                      "train-medium question 0?", "train-medium question 1?", "train-hard question 0?", "train-hard question 1?"],
            set.Splits["train"].Select(q => q.Question));
        Assert.Equal(["train-easy question 3?", "train-medium question 2?", "train-hard question 2?"], set.Splits["val"].Select(q => q.Question));
        // The interpolate question that training holds is dropped and counted.
        Assert.Equal(["Held out?"], set.Splits["interpolate"].Select(q => q.Question));
        Assert.Equal(1, set.Counts["interpolate"]["numbers__place_value"].DuplicatesOfTrainRemoved);
        Assert.Equal("numbers__place_value", set.ExtrapolatePairs["numbers__place_value_big"]);
    }

    [Theory]
    [InlineData("What is 2 + 3?\n5\nWhat is 1 + 1?\n", "arithmetic__add_or_sub.txt, line 3: a question without an answer line")]
    [InlineData("What is 2 + 3?\n\nWhat is 1 + 1?\n2\n", "arithmetic__add_or_sub.txt, line 2: an empty answer line")]
    [InlineData("What is 2 + 3?\n5\nWhat is 2 × 3?\n6\n", "arithmetic__add_or_sub.txt, line 3, column 11: the question holds U+00D7")]
    public void A_malformed_file_stops_the_load_naming_the_file_and_line(string content, string message)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "train-easy"));
        File.WriteAllText(Path.Combine(temp.Path, "train-easy", "arithmetic__add_or_sub.txt"), content);
        WriteModule(temp.Path, "interpolate", "arithmetic__add_or_sub", [("What is 4 + 4?", "8")]);
        WriteModule(temp.Path, "extrapolate", "arithmetic__add_or_sub_big", [("What is 40000 + 4?", "40004")]);
        var e = Assert.Throws<InvalidDataException>(() => OriginalMathFiles.Load(temp.Path, null, 10, 1, 10));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_missing_folder_or_module_is_refused_with_what_there_is()
    {
        using var temp = new TempFolder();
        WriteModule(temp.Path, "train-easy", "comparison__sort", [("Sort 2, 1.", "1, 2")]);
        var noTests = Assert.Throws<DirectoryNotFoundException>(() => OriginalMathFiles.Load(temp.Path, null, 1, 1, 1));
        Assert.Contains("has no interpolate/ folder", noTests.Message);
        WriteModule(temp.Path, "interpolate", "comparison__sort", [("Sort 3, 1.", "1, 3")]);
        WriteModule(temp.Path, "extrapolate", "comparison__sort_more", [("Sort 3, 1, 2.", "1, 2, 3")]);
        var unknown = Assert.Throws<ArgumentException>(() => OriginalMathFiles.Load(temp.Path, ["algebra__linear_1d"], 1, 1, 1));
        Assert.Contains("its modules are comparison__sort", unknown.Message);
    }

    [Fact]
    public void A_folder_in_the_original_layout_named_in_a_dataset_entry_trains_and_is_scored_per_module()
    {
        using var temp = new TempFolder();
        string original = Path.Combine(temp.Path, "mathematics_dataset-v1.0");
        var generated = MathGenerator.Generate(Small);
        OriginalMathFiles.Write(original, generated);
        var spec = new JsonObject
        {
            ["kind"] = "math",
            ["folder"] = original,
            ["train_examples_per_module"] = 300,
            ["val_examples_per_module"] = 30,
            ["test_examples_per_module"] = 40,
        };
        var cache = new DataCache(Path.Combine(temp.Path, "cache"));
        string folder = DatasetKinds.EnsurePrepared(spec, cache);
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
        Assert.Equal(original, meta["source_folder"]!.GetValue<string>());
        Assert.Equal(40, meta["questions"]!["extrapolate"]!["arithmetic__add_or_sub_big"]!["questions"]!.GetValue<int>());
        int longest = meta["splits"]!.AsObject().Max(s => s.Value!["longest_example"]!.GetValue<int>());
        foreach (string split in MathQuestionSet.SplitNames)
            Assert.Equal(generated.Splits[split], MathDatasetKind.Questions(folder, split));

        var config = ExampleData.TinyRun(folder, nCtx: longest, vocab: QuestionAnswerTokens.VocabSize, steps: 10) with
        {
            TrainRegions = ["answer"],
            ExtraEvalSplits = ["interpolate", "extrapolate"],
            FinalEvaluation = true,
        };
        var result = Trainer.Run(config);
        var extrapolate = result.FinalEvaluation!["extrapolate"];
        Assert.Equal(["arithmetic__add_or_sub_big", "comparison__sort_more"], extrapolate.Subsets!.Keys.Order());
        Assert.Equal(3, result.FinalEvaluation["interpolate"].Subsets!.Count);
        Assert.All(extrapolate.Subsets.Values, s => Assert.Equal(40, s.Examples));
        Assert.True(double.IsFinite(extrapolate.Regions["answer"].NatsPerToken));

        // Files that change make a dataset of their own; unchanged files reuse the prepared one.
        Assert.Equal(folder, DatasetKinds.EnsurePrepared(spec, cache));
        File.AppendAllText(Path.Combine(original, "interpolate", "comparison__sort.txt"), "Sort 2, 1.\n1, 2\n");
        Assert.NotEqual(folder, DatasetKinds.EnsurePrepared(spec, cache));
    }

    private static void WriteModule(string root, string folder, string module, IEnumerable<(string Question, string Answer)> pairs)
    {
        Directory.CreateDirectory(Path.Combine(root, folder));
        File.WriteAllText(Path.Combine(root, folder, module + ".txt"), string.Concat(pairs.Select(p => $"{p.Question}\n{p.Answer}\n")));
    }
}
