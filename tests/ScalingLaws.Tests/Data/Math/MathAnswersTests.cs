using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Data.Mathematics;

namespace ScalingLaws.Tests.Data.Mathematics;

/// <summary>Every module's answers against an independent evaluation: Python parses the questions and computes with sympy.</summary>
public class MathAnswersTests
{
    [SympyFact]
    public void Every_modules_answers_agree_with_sympy_reading_the_questions_and_a_wrong_answer_is_caught()
    {
        var settings = new MathSettings { Modules = MathModules.All, TrainPerModule = 300, ValPerModule = 50, TestPerModule = 150, Seed = 7 };
        var questions = MathGenerator.Generate(settings).Splits.Values.SelectMany(s => s).ToList();
        // One answer per module made wrong on purpose: the checker must find exactly these.
        var spoiled = questions.GroupBy(q => q.Module).Select(g => g.First()).ToHashSet();
        var lines = questions.Select(q => JsonSerializer.Serialize(new { module = q.Module, question = q.Question, answer = spoiled.Contains(q) ? q.Answer + "1" : q.Answer }));
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, lines);
            var (code, stdout, stderr) = Sympy.Run(Sympy.Script(), path);
            Assert.True(code == 0, $"check_math_answers.py failed: {stderr}");
            var report = JsonNode.Parse(stdout)!;
            Assert.Equal(questions.Count, report["checked"]!.GetValue<int>());
            Assert.Equal(24, report["per_module"]!.AsObject().Count);   // 13 modules and 11 extrapolate modules
            var mismatches = report["mismatches"]!.AsArray().Select(m => m!["question"]!.GetValue<string>()).ToHashSet();
            Assert.True(report["mismatch_count"]!.GetValue<int>() == spoiled.Count && mismatches.SetEquals(spoiled.Select(q => q.Question)),
                $"sympy disagrees beyond the {spoiled.Count} spoiled answers: {report["mismatches"]}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
