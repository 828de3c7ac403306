using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Tests.Data;
using ScalingLaws.Training;

namespace ScalingLaws.Tests.Sweeps;

/// <summary>A sweep file of tiny single-threaded runs on a <see cref="TempDataset"/>, checkpointing every 20 steps.</summary>
internal static class TinySweep
{
    /// <summary>Writes <c>NAME.json</c> into the dataset's folder: one run per (id, steps), seeds differing; returns its path.</summary>
    public static string Write(TempDataset data, string name, params (string Id, long Steps)[] runs)
    {
        var run = data.TinyRun() with { CheckpointEverySteps = 20, EvalEverySteps = 50 };
        string path = Path.Combine(data.Folder, name + ".json");
        File.WriteAllText(path, new JsonObject
        {
            ["name"] = name,
            ["defaults"] = JsonSerializer.SerializeToNode(run, RunJson.Options),
            ["runs"] = new JsonArray(runs.Select((r, i) => (JsonNode)new JsonObject { ["id"] = r.Id, ["seed"] = 10 + i, ["max_steps"] = r.Steps }).ToArray()),
        }.ToJsonString());
        return path;
    }
}
