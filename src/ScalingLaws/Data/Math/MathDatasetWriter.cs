using System.Text.Json.Nodes;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// Writes a <see cref="MathQuestionSet"/> as a dataset folder the trainer reads: each question encoded by
/// <see cref="QuestionAnswerTokens"/> with its module as its subset, one subset list shared by all splits, and in
/// meta.json, beside the caller's provenance, which subsets each split holds, the training module of each extrapolate
/// module, and per split and module the questions kept and dropped.
/// </summary>
public static class MathDatasetWriter
{
    /// <summary>Writes <paramref name="set"/> into <paramref name="folder"/> (which must exist); returns meta.json's content.</summary>
    public static JsonObject Write(string folder, MathQuestionSet set, JsonObject provenance)
    {
        var subsets = set.Subsets();
        var ids = subsets.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (ushort)p.i);
        var splits = MathQuestionSet.SplitNames.ToDictionary(
            s => s,
            s => (IReadOnlyList<TokenExample>)set.Splits[s].Select(q => QuestionAnswerTokens.Encode(q.Question, q.Answer, ids[q.Module])).ToArray());
        var meta = (JsonObject)provenance.DeepClone();
        meta["subsets_by_split"] = new JsonObject(MathQuestionSet.SplitNames.Select(s =>
            KeyValuePair.Create(s, (JsonNode?)new JsonArray(set.Splits[s].Select(q => q.Module).Distinct().Select(m => (JsonNode)m).ToArray()))));
        meta["extrapolate_pairs"] = new JsonObject(set.ExtrapolatePairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        meta["questions"] = new JsonObject(set.Counts.Select(split => KeyValuePair.Create(split.Key, (JsonNode?)new JsonObject(
            split.Value.Select(module => KeyValuePair.Create(module.Key, (JsonNode?)Counts(module.Value)))))));
        meta["duplicates_removed"] = set.DuplicatesRemoved;
        meta["longest_question"] = set.Splits.Values.SelectMany(q => q).Max(q => q.Question.Length);
        meta["longest_answer"] = set.Splits.Values.SelectMany(q => q).Max(q => q.Answer.Length);
        return ExampleDatasetWriter.Write(folder, QuestionAnswerTokens.Layout(subsets), meta, splits);
    }

    private static JsonObject Counts(MathModuleCounts c)
    {
        var json = new JsonObject
        {
            ["questions"] = c.Questions,
            ["drawn"] = c.Drawn,
            ["duplicates_of_train_removed"] = c.DuplicatesOfTrainRemoved,
            ["too_long_dropped"] = c.TooLongDropped,
            ["not_beyond_training_dropped"] = c.NotBeyondTrainingDropped,
        };
        if (c.SizeMin is { } min) json["size_min"] = min;
        if (c.SizeMax is { } max) json["size_max"] = max;
        return json;
    }
}
