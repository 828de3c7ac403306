using System.Security.Cryptography;
using System.Text;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// HMAC-SHA256 over a message's header, parent header, metadata and content frames, as lowercase hex (the Jupyter
/// wire protocol's signature). With an empty key nothing is signed and every message is accepted.
/// </summary>
public sealed class MessageSigner(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    /// <summary>The signature of the four JSON frames, or "" without a key.</summary>
    public string Sign(IReadOnlyList<byte[]> frames)
    {
        if (_key.Length == 0) return "";
        using var hmac = new HMACSHA256(_key);
        foreach (var frame in frames) hmac.TransformBlock(frame, 0, frame.Length, null, 0);
        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(hmac.Hash!);
    }

    /// <summary>True when <paramref name="signature"/> is the signature of <paramref name="frames"/> (compared in constant time).</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> frames)
    {
        if (_key.Length == 0) return true;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(frames)));
    }
}
