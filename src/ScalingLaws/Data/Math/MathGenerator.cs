using System.Security.Cryptography;
using System.Text;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// Draws the four splits of a generated math dataset: first every module's train questions, then val and interpolate
/// (the training difficulty; a question that the training split holds, in any module, is dropped and redrawn, so no
/// held-out question was trained on, as the original keeps its test questions out of training), then extrapolate:
/// drawn at the extrapolation difficulty and kept only when it is larger (more significant digits in its longest
/// number), longer (more terms) or has more items than every train, val and interpolate question of its module, which
/// is the original's rule made exact. As the original, a question over 160 characters or an answer over 30 is dropped
/// and redrawn. Each (split, module) has its own random stream derived from the seed, so a module's training questions
/// do not depend on the other modules or on the counts (the first n of 2n are the n), and the held-out splits depend on
/// the others only through the questions they drop.
/// </summary>
public static class MathGenerator
{
    /// <summary>The original's limits (mathematics_dataset's generate_settings.py).</summary>
    public const int MaxQuestionLength = 160, MaxAnswerLength = 30;

    /// <summary>Bumped whenever the questions drawn from the same settings would change.</summary>
    public const string Version = "1";

    /// <summary>Draws per kept question before a split is declared impossible at its settings.</summary>
    private const int DrawsPerQuestion = 50;

    /// <summary>Generates every split; throws naming the module, the split and the setting to change when one cannot be filled.</summary>
    public static MathQuestionSet Generate(MathSettings settings, CancellationToken cancellation = default)
    {
        var splits = MathQuestionSet.SplitNames.ToDictionary(s => s, _ => new List<MathQuestion>());
        var counts = MathQuestionSet.SplitNames.ToDictionary(s => s, _ => new Dictionary<string, MathModuleCounts>());
        // Every module's training questions first: no held-out question may be a training question of any module.
        var trained = new HashSet<string>(StringComparer.Ordinal);
        var largest = settings.Modules.ToDictionary(m => m.Name, _ => 0);
        foreach (string split in MathQuestionSet.SplitNames)
        {
            bool extrapolate = split == "extrapolate";
            foreach (var module in settings.Modules)
            {
                Execution.Interruption.ThrowIfRequested();
                cancellation.ThrowIfCancellationRequested();
                if (extrapolate && module.ExtrapolateName is null) continue;
                var (questions, moduleCounts) = Draw(settings, module, split, trained, extrapolate ? largest[module.Name] : null);
                if (!extrapolate) largest[module.Name] = Math.Max(largest[module.Name], moduleCounts.SizeMax ?? 0);
                splits[split].AddRange(questions);
                counts[split][extrapolate ? module.ExtrapolateName! : module.Name] = moduleCounts;
            }
            if (split == "train") trained.UnionWith(splits["train"].Select(q => q.Question));
        }
        return new MathQuestionSet
        {
            Splits = splits.ToDictionary(p => p.Key, p => (IReadOnlyList<MathQuestion>)p.Value),
            ExtrapolatePairs = settings.Modules.Where(m => m.ExtrapolateName is not null).ToDictionary(m => m.ExtrapolateName!, m => m.Name),
            Counts = counts.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, MathModuleCounts>)p.Value),
        };
    }

    /// <summary>The random stream of one module in one split: seeded by a hash of the seed, the split and the module.</summary>
    public static Random StreamFor(int seed, string split, string module)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{split}/{module}"));
        return new Random(BitConverter.ToInt32(hash, 0) & int.MaxValue);
    }

    // One module's questions of one split; `beyond` is the size every kept extrapolate question must exceed.
    private static (List<MathQuestion> Questions, MathModuleCounts Counts) Draw(MathSettings settings, MathModule module, string split, HashSet<string> trained, int? beyond)
    {
        int target = split switch { "train" => settings.TrainPerModule, "val" => settings.ValPerModule, _ => settings.TestPerModule };
        var difficulty = beyond is null ? settings.Training : settings.Extrapolation;
        string name = beyond is null ? module.Name : module.ExtrapolateName!;
        var rng = StreamFor(settings.Seed, split, module.Name);
        var kept = new List<MathQuestion>(target);
        int drawn = 0, tooLong = 0, duplicates = 0, notBeyond = 0, sizeMin = int.MaxValue, sizeMax = 0;
        while (kept.Count < target)
        {
            if (drawn >= DrawsPerQuestion * (long)target + 1000)
                throw new InvalidOperationException(
                    $"dataset: {name} ({split}): {drawn:N0} draws kept only {kept.Count:N0} of {target:N0} questions ({tooLong:N0} too long, " +
                    $"{duplicates:N0} already in train, {notBeyond:N0} no larger than training's largest). " +
                    (notBeyond > 0 ? "Raise extrapolate_entropy (or extra_terms, extra_items)." : duplicates > 0 ? "The training entropy allows too few different questions: raise entropy or lower the example counts." : "Lower entropy, terms or items."));
            drawn++;
            var problem = module.Sample(rng, difficulty);
            if (problem.Question.Length > MaxQuestionLength || problem.Answer.Length > MaxAnswerLength) { tooLong++; continue; }
            if (split != "train" && trained.Contains(problem.Question)) { duplicates++; continue; }
            if (problem.Size <= beyond) { notBeyond++; continue; }
            kept.Add(new MathQuestion(name, problem.Question, problem.Answer));
            sizeMin = Math.Min(sizeMin, problem.Size);
            sizeMax = Math.Max(sizeMax, problem.Size);
        }
        return (kept, new MathModuleCounts
        {
            Questions = kept.Count,
            Drawn = drawn,
            DuplicatesOfTrainRemoved = duplicates,
            TooLongDropped = tooLong,
            NotBeyondTrainingDropped = notBeyond,
            SizeMin = sizeMin,
            SizeMax = sizeMax,
        });
    }
}
