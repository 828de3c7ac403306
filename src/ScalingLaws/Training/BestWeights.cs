using ScalingLaws.IO;
using ScalingLaws.Models;

namespace ScalingLaws.Training;

/// <summary>
/// The weights of an early-stopped run's best evaluation, so that what the run reports after training (the final
/// evaluation, the samples) is the early-stopped model and not the one a few evaluations of patience later. Kept in
/// memory and, when the run has a checkpoint folder, in <c>best.bin</c> there, so a resumed run still has them.
/// </summary>
internal sealed class BestWeights(string? checkpointFolder)
{
    private const string FileName = "best.bin";
    private byte[]? weights;

    /// <summary>Remembers the model's current weights as the best.</summary>
    public void Keep(Gpt model)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) model.save(writer);
        weights = memory.ToArray();
        if (checkpointFolder is not null)
        {
            Directory.CreateDirectory(checkpointFolder);
            AtomicFile.WriteAllBytes(Path.Combine(checkpointFolder, FileName), weights);
        }
    }

    /// <summary>Loads the best weights into <paramref name="model"/>; false when none were kept (in memory or on disk).</summary>
    public bool TryRestore(Gpt model)
    {
        string? path = checkpointFolder is null ? null : Path.Combine(checkpointFolder, FileName);
        var bytes = weights ?? (path is not null && File.Exists(path) ? File.ReadAllBytes(path) : null);
        if (bytes is null) return false;
        using var reader = new BinaryReader(new MemoryStream(bytes));
        model.load(reader);
        return true;
    }
}
