using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScalingLaws.Models;
using TorchSharp.Modules;

namespace ScalingLaws.Training;

/// <summary>
/// Checkpoint files: "SLCKPT1\n", the <see cref="TrainerState"/> as JSON, the model weights, the AdamW state, and a
/// SHA-256 of everything before it, so a torn or damaged file is recognised before anything is loaded. Written with
/// <see cref="IO.AtomicFile"/> (a temporary file renamed into place, on disk before the rename); the newest <see cref="Keep"/> are kept so a
/// corrupt newest one falls back to the previous.
/// </summary>
public static class Checkpoint
{
    /// <summary>How many checkpoints a folder keeps.</summary>
    public const int Keep = 2;

    private static readonly byte[] Magic = "SLCKPT1\n"u8.ToArray();

    /// <summary>Writes a checkpoint for <paramref name="state"/> into <paramref name="folder"/>; returns its path.</summary>
    public static string Save(string folder, TrainerState state, Gpt model, AdamW optimizer)
    {
        string path = Path.Combine(folder, $"ckpt-{state.Step:D10}.bin");
        // Streamed and hashed on the way: no size limit and no copy of the model in memory.
        IO.AtomicFile.Write(path, file =>
        {
            using var hashing = new HashingWriteStream(file);
            using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(state, RunJson.Options);
                writer.Write(json.Length);
                writer.Write(json);
                model.save(writer);
                optimizer.save_state_dict(writer);
            }
            file.Write(hashing.FinishHash());
        }, durable: true);
        // Checkpoints beyond this step belong to a continuation that was abandoned (the run was resumed from an
        // older checkpoint): set them aside, so the next automatic resume cannot pick them, and never delete this one.
        foreach (string newer in List(folder).Where(f => string.CompareOrdinal(Path.GetFileName(f), Path.GetFileName(path)) > 0))
            File.Move(newer, newer + ".abandoned", overwrite: true);
        foreach (string old in List(folder).Skip(Keep)) File.Delete(old);
        return path;
    }

    /// <summary>Checkpoint files in <paramref name="folder"/>, newest (highest step) first.</summary>
    public static IReadOnlyList<string> List(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "ckpt-*").Where(f => f.EndsWith(".bin", StringComparison.Ordinal)).OrderByDescending(Path.GetFileName, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/> and <paramref name="optimizer"/>. Throws
    /// <see cref="FileNotFoundException"/> when it is missing and <see cref="InvalidDataException"/> when it is
    /// corrupt (both before touching the model), <see cref="ArgumentException"/> when it was written for another model shape.
    /// </summary>
    public static TrainerState Load(string path, Gpt model, AdamW optimizer)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint not found: {path}. Check the path, or drop resume_from to start fresh.", path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        long bodyLength = file.Length - 32;
        var header = new byte[Magic.Length];
        if (bodyLength < Magic.Length + 4 || file.Read(header) != header.Length || !header.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"Checkpoint {path} is corrupt: it does not start with a checkpoint header.");
        // Verify the whole file before touching the model, streaming it rather than loading it into memory.
        file.Position = 0;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var chunk = new byte[1 << 20];
            for (long left = bodyLength; left > 0;)
            {
                int n = file.Read(chunk, 0, (int)Math.Min(chunk.Length, left));
                if (n == 0) throw new InvalidDataException($"Checkpoint {path} is corrupt: it ended early.");
                hash.AppendData(chunk, 0, n);
                left -= n;
            }
            var stored = new byte[32];
            file.ReadExactly(stored);
            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
                throw new InvalidDataException($"Checkpoint {path} is corrupt: its checksum does not match (a torn write or a damaged file).");
        }

        file.Position = Magic.Length;
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        int jsonLength = reader.ReadInt32();
        var state = JsonSerializer.Deserialize<TrainerState>(reader.ReadBytes(jsonLength), RunJson.Options)
            ?? throw new InvalidDataException($"Checkpoint {path} holds no trainer state.");
        if (state.Model != model.Config)
            throw new ArgumentException($"Checkpoint {path} was written for model {state.Model}, not {model.Config}. Use another checkpoint_dir for a different model.");
        model.load(reader);
        optimizer.load_state_dict(reader);
        return state;
    }

    /// <summary>
    /// Loads the newest good checkpoint in <paramref name="folder"/>, skipping corrupt ones with a note each;
    /// returns null (fresh start) when there is none.
    /// </summary>
    public static (TrainerState State, string Path)? LoadLatest(string folder, Gpt model, AdamW optimizer, ICollection<string> notes)
    {
        int skipped = 0;
        foreach (string path in List(folder))
        {
            try
            {
                return (Load(path, model, optimizer), path);
            }
            catch (InvalidDataException e)
            {
                notes.Add($"{e.Message} Falling back to the previous checkpoint.");
                skipped++;
            }
        }
        if (skipped > 0) notes.Add($"No good checkpoint left in {folder}; starting from scratch.");
        return null;
    }
}
