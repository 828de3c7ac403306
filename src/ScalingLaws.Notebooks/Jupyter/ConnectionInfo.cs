using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// The connection file a Jupyter client writes before it starts a kernel: where each of the five sockets listens
/// and the key that signs every message (jupyter-client docs, "Connection files").
/// </summary>
public sealed record ConnectionInfo
{
    /// <summary>"tcp" (or "ipc").</summary>
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";

    /// <summary>The address to bind, e.g. 127.0.0.1.</summary>
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";

    /// <summary>Requests and replies: execute, complete, inspect, kernel_info.</summary>
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }

    /// <summary>Broadcast: status, streams, displays, results, errors.</summary>
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }

    /// <summary>Input requests from the kernel to the frontend.</summary>
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }

    /// <summary>Shutdown and interrupt, answered even while a cell runs.</summary>
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }

    /// <summary>Heartbeat: every message is echoed back.</summary>
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }

    /// <summary>The HMAC key; empty means messages are not signed.</summary>
    [JsonPropertyName("key")] public string Key { get; init; } = "";

    /// <summary>"hmac-sha256", the only scheme this kernel signs with.</summary>
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    /// <summary>The endpoint of a port on this connection's transport and address.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"{Transport}://{Ip}:{port}";

    /// <summary>Reads a connection file; throws <see cref="NotebookInputException"/> naming the file and what is wrong.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path))
            throw new NotebookInputException($"--connection-file {path}: no such file. A Jupyter client writes it and passes its path as {{connection_file}} (see `scaling kernel install`).");
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new NotebookInputException($"--connection-file {path} is not a Jupyter connection file ({e.Message}).");
        }
        if (info is null || new[] { info.ShellPort, info.IopubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort }.Any(p => p <= 0))
            throw new NotebookInputException($"--connection-file {path}: it must give shell_port, iopub_port, stdin_port, control_port and hb_port.");
        if (info.Key.Length > 0 && info.SignatureScheme != "hmac-sha256")
            throw new NotebookInputException($"--connection-file {path}: signature_scheme '{info.SignatureScheme}' is not supported; this kernel signs with hmac-sha256.");
        return info;
    }
}
