using System.Text.RegularExpressions;
using ScalingLaws.Data;
using ScalingLaws.Data.Mathematics;

namespace ScalingLaws.Tests.Data.Mathematics;

public class MathGeneratorTests
{
    private static readonly MathSettings Small = new() { Modules = MathModules.All, TrainPerModule = 2000, ValPerModule = 100, TestPerModule = 200 };
    private static readonly Lazy<MathQuestionSet> Generated = new(() => MathGenerator.Generate(Small));

    [Fact]
    public void The_same_seed_gives_the_same_questions_and_another_seed_others()
    {
        var again = MathGenerator.Generate(Small);
        foreach (string split in MathQuestionSet.SplitNames)
            Assert.Equal(Generated.Value.Splits[split], again.Splits[split]);
        var reseeded = MathGenerator.Generate(Small with { Seed = 1 });
        Assert.True(reseeded.Splits["train"].Zip(Generated.Value.Splits["train"]).Count(p => p.First == p.Second) < 200);
    }

    [Fact]
    public void A_modules_training_questions_depend_neither_on_the_other_modules_nor_on_the_counts()
    {
        var mul = MathGenerator.Generate(Small with { Modules = [ArithmeticModules.Mul], TrainPerModule = 500 });
        var all = Generated.Value.Splits["train"].Where(q => q.Module == ArithmeticModules.Mul.Name).Take(500);
        Assert.Equal(all, mul.Splits["train"]);
    }

    [Fact]
    public void No_held_out_question_is_a_training_question_and_the_duplicates_removed_are_counted()
    {
        var set = Generated.Value;
        var train = set.Splits["train"].Select(q => q.Question).ToHashSet();
        foreach (string split in new[] { "val", "interpolate", "extrapolate" })
            Assert.DoesNotContain(set.Splits[split], q => train.Contains(q.Question));
        foreach (var (split, modules) in set.Counts)
            foreach (var (module, c) in modules)
            {
                Assert.Equal(set.Splits[split].Count(q => q.Module == module), c.Questions);
                Assert.Equal(c.Drawn, c.Questions + c.DuplicatesOfTrainRemoved + c.TooLongDropped + c.NotBeyondTrainingDropped);
            }
        // Small entropies repeat questions (place_value has a few thousand), so the filter did remove some.
        Assert.True(set.Counts["interpolate"]["numbers__place_value"].DuplicatesOfTrainRemoved > 0);
        Assert.Equal(set.Counts.Values.SelectMany(m => m.Values).Sum(c => c.DuplicatesOfTrainRemoved), set.DuplicatesRemoved);
    }

    [Fact]
    public void Every_extrapolate_question_is_larger_longer_or_has_more_items_than_every_training_question_of_its_module()
    {
        var set = Generated.Value;
        Assert.Equal(11, set.ExtrapolatePairs.Count);
        foreach (var (extrapolate, training) in set.ExtrapolatePairs)
        {
            Func<string, int> measure = MathModules.Named(training).Measure switch
            {
                ExtrapolationMeasure.Digits => LongestNumberSignificantDigits,
                ExtrapolationMeasure.Terms => question => Regex.Matches(question, @"\d+").Count,
                _ => ListItems,
            };
            int trainingMost = new[] { "train", "val", "interpolate" }.SelectMany(s => set.Splits[s]).Where(q => q.Module == training).Max(q => measure(q.Question));
            var beyond = set.Splits["extrapolate"].Where(q => q.Module == extrapolate).ToList();
            Assert.Equal(Small.TestPerModule, beyond.Count);
            Assert.All(beyond, q => Assert.True(measure(q.Question) > trainingMost, $"{extrapolate}: \"{q.Question}\" measures {measure(q.Question)}, training reaches {trainingMost}"));
        }
        Assert.DoesNotContain(set.Splits["extrapolate"], q => q.Module.StartsWith("polynomials") || q.Module.StartsWith("algebra"));
    }

    [Fact]
    public void Questions_and_answers_keep_the_original_limits_and_encode_as_printable_ascii()
    {
        foreach (var q in Generated.Value.Splits.Values.SelectMany(s => s))
        {
            Assert.InRange(q.Question.Length, 1, MathGenerator.MaxQuestionLength);
            Assert.InRange(q.Answer.Length, 1, MathGenerator.MaxAnswerLength);
            Assert.Equal(q.Question, QuestionAnswerTokens.Decode(QuestionAnswerTokens.Encode(q.Question, "x").Tokens.Skip(1).Select(t => (int)t).TakeWhile(t => t != QuestionAnswerTokens.Separator)));
        }
        Assert.True(Generated.Value.Counts["extrapolate"]["comparison__sort_more"].TooLongDropped > 0, "long sorted lists should hit the 30-character answer limit");
    }

    [Fact]
    public void Modules_ask_in_the_original_phrasings()
    {
        // Numbers replaced by #, the distinct shapes a module's questions take: its templates.
        int Shapes(string module) => Generated.Value.Splits["train"].Where(q => q.Module == module)
            .Select(q => Regex.Replace(q.Question, @"-?\d+(?:\.\d+)?", "#")).Distinct().Count();
        Assert.Equal(11 + 8 + 2, Shapes("arithmetic__add_or_sub"));   // "distance between p and q" and "q and p" share a shape
        Assert.Equal(9, Shapes("arithmetic__mul"));
        Assert.Equal(4, Shapes("arithmetic__div"));
    }

    private static int LongestNumberSignificantDigits(string question) =>
        Regex.Matches(question, @"\d+(?:\.\d+)?").Max(m => m.Value.Replace(".", "").Trim('0').Length);

    private static int ListItems(string question) =>
        question.Contains("  (") ? Regex.Matches(question, @"\([a-z]\) ").Count : question.Split(", ").Length;
}
