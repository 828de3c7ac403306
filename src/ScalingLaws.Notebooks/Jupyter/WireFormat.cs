using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// Messages to and from ZeroMQ frames: identities, "&lt;IDS|MSG&gt;", signature, header, parent header, metadata,
/// content, buffers (jupyter-client docs, "The Wire Protocol").
/// </summary>
public static class WireFormat
{
    /// <summary>The frames of <paramref name="message"/>, signed with <paramref name="signer"/>.</summary>
    public static List<byte[]> Encode(JupyterMessage message, MessageSigner signer)
    {
        var parts = new[] { message.Header, message.ParentHeader, message.Metadata, message.Content }
            .Select(part => Encoding.UTF8.GetBytes(part.ToJsonString())).ToList();
        var frames = new List<byte[]>(message.Identities);
        frames.Add(JupyterMessage.Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(parts)));
        frames.AddRange(parts);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>
    /// The message in <paramref name="frames"/>, or null with the reason when it is malformed or its signature is
    /// wrong (such a message is dropped, never acted on).
    /// </summary>
    public static JupyterMessage? Decode(IReadOnlyList<byte[]> frames, MessageSigner signer, out string? problem)
    {
        problem = null;
        int delimiter = -1;
        for (int i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(JupyterMessage.Delimiter)) { delimiter = i; break; }
        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            problem = "malformed message (no <IDS|MSG> delimiter followed by signature, header, parent header, metadata and content)";
            return null;
        }
        var parts = frames.Skip(delimiter + 2).Take(4).ToList();
        if (!signer.Verify(Encoding.ASCII.GetString(frames[delimiter + 1]), parts))
        {
            problem = "bad signature (not signed with this kernel's key)";
            return null;
        }
        try
        {
            return new JupyterMessage
            {
                Identities = frames.Take(delimiter).ToList(),
                Header = ParseObject(parts[0]),
                ParentHeader = ParseObject(parts[1]),
                Metadata = ParseObject(parts[2]),
                Content = ParseObject(parts[3]),
                Buffers = frames.Skip(delimiter + 6).ToList(),
            };
        }
        catch (JsonException e)
        {
            problem = $"malformed JSON ({e.Message})";
            return null;
        }
    }

    private static JsonObject ParseObject(byte[] json) => JsonNode.Parse(json) as JsonObject ?? new JsonObject();
}
