using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ScalingLaws.Data;

/// <summary>
/// Token files as nanoGPT writes them: a flat array of little-endian UInt16 token ids, no header
/// (the vocabulary and counts live in meta.json beside them).
/// </summary>
public static class TokenFile
{
    /// <summary>Writes <paramref name="tokens"/> to <paramref name="path"/> (replacing it).</summary>
    public static void Write(string path, ReadOnlySpan<ushort> tokens)
    {
        using var stream = File.Create(path);
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(tokens));
            return;
        }
        var buffer = new byte[2];
        foreach (ushort t in tokens)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, t);
            stream.Write(buffer);
        }
    }

    /// <summary>Reads a whole token file.</summary>
    public static ushort[] Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length % 2 != 0)
            throw new InvalidDataException($"{path} has {bytes.Length} bytes, an odd number, so it is not a UInt16 token file; regenerate it with `scaling data prepare`.");
        var tokens = new ushort[bytes.Length / 2];
        for (int i = 0; i < tokens.Length; i++)
            tokens[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i));
        return tokens;
    }

    /// <summary>Number of tokens in a token file, from its length.</summary>
    public static long Count(string path) => new FileInfo(path).Length / 2;
}
