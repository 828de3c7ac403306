using System.Text;
using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// One Jupyter message: the routing identities of the socket it came from, header, parent header, metadata and
/// content (kept as JSON, so fields this kernel does not know pass through unchanged), and binary buffers.
/// </summary>
public sealed record JupyterMessage
{
    /// <summary>The protocol version this kernel speaks (what Debian's jupyter_client 7.4 expects).</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The frame that separates routing identities from the message.</summary>
    public static readonly byte[] Delimiter = Encoding.ASCII.GetBytes("<IDS|MSG>");

    /// <summary>ZeroMQ routing identities (who to answer on a ROUTER socket).</summary>
    public IReadOnlyList<byte[]> Identities { get; init; } = [];

    /// <summary>msg_id, session, username, date, msg_type, version.</summary>
    public required JsonObject Header { get; init; }

    /// <summary>The header of the request this message answers ({} for none).</summary>
    public JsonObject ParentHeader { get; init; } = new();

    /// <summary>Message metadata.</summary>
    public JsonObject Metadata { get; init; } = new();

    /// <summary>The message's content.</summary>
    public JsonObject Content { get; init; } = new();

    /// <summary>Extra binary frames.</summary>
    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    /// <summary>The msg_type from the header.</summary>
    public string Type => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>A new message of <paramref name="type"/> answering <paramref name="parent"/> (or none), from <paramref name="session"/>.</summary>
    public static JupyterMessage Create(string type, JsonObject content, JupyterMessage? parent, string session, IReadOnlyList<byte[]>? identities = null) => new()
    {
        Identities = identities ?? parent?.Identities ?? [],
        Header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString(),
            ["session"] = session,
            ["username"] = "kernel",
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"),
            ["msg_type"] = type,
            ["version"] = ProtocolVersion,
        },
        ParentHeader = (JsonObject?)parent?.Header.DeepClone() ?? new JsonObject(),
        Content = content,
    };
}
