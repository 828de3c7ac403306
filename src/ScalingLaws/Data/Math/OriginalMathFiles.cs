using System.Security.Cryptography;
using System.Text;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// Reads (and writes) the released mathematics_dataset's text files: a folder with <c>train-easy/</c> (and
/// <c>train-medium/</c>, <c>train-hard/</c>, or one <c>train/</c>), <c>interpolate/</c> and <c>extrapolate/</c>, each
/// holding one <c>area__module.txt</c> per module of alternating question and answer lines. Each module file is a
/// subset. Training questions are the first lines of each training file, in equal shares across the training folders
/// (the original also splits its per_train_module count evenly over easy, medium and hard), val questions the lines
/// after them; the released files are in random order, so a prefix is a random sample. A held-out question that the
/// training split holds is dropped and counted. A malformed line (a question without an answer at the end of a file,
/// an empty line, a character outside printable ASCII) stops the load with the file and line number: a truncated or
/// damaged download should be fixed, not silently trained on with fewer questions.
/// </summary>
public static class OriginalMathFiles
{
    /// <summary>Bumped whenever the questions read from the same files would change.</summary>
    public const string Version = "1";

    /// <summary>The suffixes of the original's extrapolate modules, longest first.</summary>
    private static readonly string[] ExtrapolateSuffixes = ["_more_samples", "_big", "_longer", "_more"];

    /// <summary>Reads up to the given number of questions per module and split from <paramref name="folder"/>.</summary>
    /// <param name="folder">The extracted dataset (mathematics_dataset-v1.0).</param>
    /// <param name="modules">Training modules to read (their extrapolate twins come with them); null = every module.</param>
    /// <param name="trainPerModule">Training questions per module, over all training folders.</param>
    /// <param name="valPerModule">Val questions per module, from the training files after the training questions.</param>
    /// <param name="testPerModule">Questions per module of interpolate and of extrapolate.</param>
    /// <param name="cancellation">Stops a long read.</param>
    public static MathQuestionSet Load(string folder, IReadOnlyList<string>? modules, int trainPerModule, int valPerModule, int testPerModule, CancellationToken cancellation = default)
    {
        var layout = Layout(folder);
        var available = layout.Train.SelectMany(d => Directory.GetFiles(d, "*.txt")).Select(ModuleName).Distinct().Order(StringComparer.Ordinal).ToList();
        if (available.Count == 0) throw new InvalidDataException($"dataset: folder '{folder}': the training folders ({string.Join(", ", layout.Train.Select(Path.GetFileName))}) hold no module .txt files.");
        if (modules?.FirstOrDefault(m => !available.Contains(m)) is { } unknown)
            throw new ArgumentException($"dataset: modules: '{unknown}' has no file in the training folders of '{folder}'; its modules are {string.Join(", ", available)}.");
        var chosen = modules is null ? available : available.Where(modules.Contains).ToList();

        var splits = MathQuestionSet.SplitNames.ToDictionary(s => s, _ => new List<MathQuestion>());
        var counts = MathQuestionSet.SplitNames.ToDictionary(s => s, _ => new Dictionary<string, MathModuleCounts>());
        var valCandidates = new Dictionary<string, List<MathQuestion>>();
        foreach (string module in chosen)
        {
            cancellation.ThrowIfCancellationRequested();
            var files = layout.Train.Select(d => Path.Combine(d, module + ".txt")).Where(File.Exists).ToList();
            var train = new List<MathQuestion>();
            valCandidates[module] = [];
            for (int i = 0; i < files.Count; i++)
            {
                int trainShare = Share(trainPerModule, files.Count, i), valShare = Share(valPerModule, files.Count, i);
                var read = ReadPairs(files[i], module).Take(trainShare + valShare).ToList();
                train.AddRange(read.Take(trainShare));
                valCandidates[module].AddRange(read.Skip(trainShare));
            }
            splits["train"].AddRange(train);
            counts["train"][module] = new MathModuleCounts { Questions = train.Count, Drawn = train.Count };
        }
        // Held-out questions are checked against every module's training questions.
        var trained = splits["train"].Select(q => q.Question).ToHashSet(StringComparer.Ordinal);
        foreach (var (module, candidates) in valCandidates)
        {
            var val = candidates.Where(q => !trained.Contains(q.Question)).ToList();
            splits["val"].AddRange(val);
            counts["val"][module] = new MathModuleCounts { Questions = val.Count, Drawn = candidates.Count, DuplicatesOfTrainRemoved = candidates.Count - val.Count };
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string split in new[] { "interpolate", "extrapolate" })
        {
            string directory = split == "interpolate" ? layout.Interpolate : layout.Extrapolate;
            foreach (string file in Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal))
            {
                cancellation.ThrowIfCancellationRequested();
                string module = ModuleName(file);
                string? pair = split == "interpolate" ? (chosen.Contains(module) ? module : null) : TrainingModule(module, available);
                if (split == "extrapolate" && pair is not null) pairs[module] = pair;
                if (modules is not null && (pair is null || !chosen.Contains(pair))) continue;
                int drawn = 0, duplicates = 0;
                var kept = new List<MathQuestion>();
                foreach (var question in ReadPairs(file, module))
                {
                    if (kept.Count == testPerModule) break;
                    drawn++;
                    if (trained.Contains(question.Question)) duplicates++;
                    else kept.Add(question);
                }
                splits[split].AddRange(kept);
                counts[split][module] = new MathModuleCounts { Questions = kept.Count, Drawn = drawn, DuplicatesOfTrainRemoved = duplicates };
            }
        }
        foreach (string split in MathQuestionSet.SplitNames)
            if (splits[split].Count == 0)
                throw new InvalidDataException($"dataset: folder '{folder}' gave no {split} questions for the modules chosen ({string.Join(", ", chosen)}).");
        return new MathQuestionSet
        {
            Splits = splits.ToDictionary(p => p.Key, p => (IReadOnlyList<MathQuestion>)p.Value),
            ExtrapolatePairs = pairs,
            Counts = counts.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, MathModuleCounts>)p.Value),
        };
    }

    /// <summary>
    /// Writes a question set in the original's layout: train and val questions together in <c>train-easy/</c> (val after
    /// train, where <see cref="Load"/> takes it from), <c>interpolate/</c> and <c>extrapolate/</c>, one file per module.
    /// </summary>
    public static void Write(string folder, MathQuestionSet set)
    {
        void WriteSplit(string directory, IEnumerable<MathQuestion> questions)
        {
            Directory.CreateDirectory(Path.Combine(folder, directory));
            foreach (var module in questions.GroupBy(q => q.Module))
                File.WriteAllText(Path.Combine(folder, directory, module.Key + ".txt"), string.Concat(module.Select(q => $"{q.Question}\n{q.Answer}\n")));
        }
        WriteSplit("train-easy", set.Splits["train"].Concat(set.Splits["val"]));
        WriteSplit("interpolate", set.Splits["interpolate"]);
        WriteSplit("extrapolate", set.Splits["extrapolate"]);
    }

    /// <summary>
    /// A hash of the names, sizes and modification times of the dataset's .txt files, so that a cached copy is rebuilt
    /// when the files change (hashing gigabytes of text on every run would cost more than reading the prefixes).
    /// </summary>
    public static string Fingerprint(string folder)
    {
        var layout = Layout(folder);
        var lines = layout.Train.Append(layout.Interpolate).Append(layout.Extrapolate)
            .SelectMany(d => Directory.GetFiles(d, "*.txt"))
            .Select(f => new FileInfo(f))
            .Select(f => $"{Path.GetRelativePath(folder, f.FullName)}|{f.Length}|{f.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
    }

    /// <summary>The training module an extrapolate module extends: its name without _big, _longer, _more or _more_samples, or its own name.</summary>
    public static string? TrainingModule(string extrapolateModule, IReadOnlyCollection<string> trainingModules)
    {
        foreach (string suffix in ExtrapolateSuffixes)
            if (extrapolateModule.EndsWith(suffix, StringComparison.Ordinal) && trainingModules.Contains(extrapolateModule[..^suffix.Length]))
                return extrapolateModule[..^suffix.Length];
        return trainingModules.Contains(extrapolateModule) ? extrapolateModule : null;
    }

    private static (IReadOnlyList<string> Train, string Interpolate, string Extrapolate) Layout(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"dataset: folder '{folder}' does not exist; point it at the extracted mathematics_dataset-v1.0 (with train-easy/, interpolate/ and extrapolate/).");
        string[] order = ["train-easy", "train-medium", "train-hard"];
        var train = Directory.GetDirectories(folder)
            .Where(d => Path.GetFileName(d) is var n && (n == "train" || n.StartsWith("train-", StringComparison.Ordinal)))
            .OrderBy(d => Array.IndexOf(order, Path.GetFileName(d)) is var i && i >= 0 ? i : order.Length)
            .ThenBy(d => d, StringComparer.Ordinal)
            .ToList();
        if (train.Count == 0) throw new DirectoryNotFoundException($"dataset: folder '{folder}' has no training folder (train-easy/, train-medium/, train-hard/ or train/).");
        foreach (string split in new[] { "interpolate", "extrapolate" })
            if (!Directory.Exists(Path.Combine(folder, split)))
                throw new DirectoryNotFoundException($"dataset: folder '{folder}' has no {split}/ folder; the notebook's test sets come from interpolate/ and extrapolate/.");
        return (train, Path.Combine(folder, "interpolate"), Path.Combine(folder, "extrapolate"));
    }

    // Question-answer pairs in file order, read lazily; a malformed line throws with the file and line number.
    private static IEnumerable<MathQuestion> ReadPairs(string path, string module)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        int number = 0;
        while (reader.ReadLine() is { } question)
        {
            number++;
            if (question.Length == 0 && reader.Peek() < 0) yield break;   // a blank last line
            Check(path, number, question, "question");
            string answer = reader.ReadLine() ?? throw new InvalidDataException(
                $"{path}, line {number}: a question without an answer line at the end of the file (a truncated download?). Fix the file or leave the module out with \"modules\".");
            number++;
            Check(path, number, answer, "answer");
            yield return new MathQuestion(module, question, answer);
        }
    }

    private static void Check(string path, int line, string text, string what)
    {
        if (text.Length == 0)
            throw new InvalidDataException($"{path}, line {line}: an empty {what} line; the files alternate question and answer lines. Fix the file or leave the module out with \"modules\".");
        int bad = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (bad >= 0)
            throw new InvalidDataException($"{path}, line {line}, column {bad + 1}: the {what} holds U+{(int)text[bad]:X4}; questions and answers must be printable ASCII (the character-level codec has no other tokens).");
    }

    private static string ModuleName(string file) => Path.GetFileNameWithoutExtension(file);

    // Item i's share when `total` is split over `parts` as evenly as whole numbers allow.
    private static int Share(int total, int parts, int i) => total / parts + (i < total % parts ? 1 : 0);
}
