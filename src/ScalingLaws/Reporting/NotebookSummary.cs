using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Reporting;

/// <summary>
/// The headline numbers of a notebook (fitted exponents, intervals, losses), recorded as the notebook computes
/// them so tools and tests can read the result without parsing HTML. `scaling notebook run` writes them to
/// OUT/NAME.summary.json when the notebook finishes; in an interactive kernel they stay in memory and
/// <see cref="Save"/> writes them wherever the notebook asks.
/// </summary>
/// <example><code>
/// NotebookSummary.Record("alpha_N", 0.071);
/// NotebookSummary.Record("alpha_N_ci95", new[] { 0.064, 0.078 });
/// NotebookSummary.Record("preset", preset);
/// </code></example>
public static class NotebookSummary
{
    private static readonly object Gate = new();
    private static readonly List<KeyValuePair<string, JsonNode?>> Recorded = new();

    /// <summary>Records a number under <paramref name="name"/> (recording a name again replaces it). Non-finite numbers are written as null.</summary>
    public static void Record(string name, double value) => Set(name, double.IsFinite(value) ? JsonValue.Create(value) : null);

    /// <summary>Records an integer count (runs, parameters, tokens).</summary>
    public static void Record(string name, long value) => Set(name, JsonValue.Create(value));

    /// <summary>Records a text value (a preset, a dataset name, a verdict).</summary>
    public static void Record(string name, string value) => Set(name, JsonValue.Create(value));

    /// <summary>Records a flag.</summary>
    public static void Record(string name, bool value) => Set(name, JsonValue.Create(value));

    /// <summary>Records numbers, such as a confidence interval [lo, hi] or a series of losses.</summary>
    public static void Record(string name, IEnumerable<double> values) =>
        Set(name, new JsonArray(values.Select(v => double.IsFinite(v) ? (JsonNode?)JsonValue.Create(v) : null).ToArray()));

    /// <summary>
    /// Records named numbers in order, such as an exponent after each step of a comparison, as a list of
    /// <c>{"name": ..., "value": ...}</c> objects (a non-finite value is written as null).
    /// </summary>
    public static void Record(string name, IEnumerable<(string Name, double Value)> values) =>
        Set(name, new JsonArray(values.Select(v => (JsonNode?)new JsonObject
        {
            ["name"] = v.Name,
            ["value"] = double.IsFinite(v.Value) ? JsonValue.Create(v.Value) : null,
        }).ToArray()));

    /// <summary>The values recorded so far, in the order first recorded, as a JSON object.</summary>
    public static JsonObject Snapshot()
    {
        lock (Gate)
        {
            var values = new JsonObject();
            foreach (var (name, value) in Recorded) values[name] = value?.DeepClone();
            return values;
        }
    }

    /// <summary>Forgets everything recorded (the runner calls this before each notebook).</summary>
    public static void Clear()
    {
        lock (Gate) Recorded.Clear();
    }

    /// <summary>Writes <c>{"values": {...}}</c> to <paramref name="path"/> (for notebooks run in an interactive kernel).</summary>
    public static void Save(string path)
    {
        var json = new JsonObject { ["values"] = Snapshot() };
        IO.AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void Set(string name, JsonNode? value)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A summary value needs a name, e.g. NotebookSummary.Record(\"alpha_N\", 0.071).", nameof(name));
        lock (Gate)
        {
            int index = Recorded.FindIndex(kv => kv.Key == name);
            if (index >= 0) Recorded[index] = new(name, value);
            else Recorded.Add(new(name, value));
        }
    }
}
