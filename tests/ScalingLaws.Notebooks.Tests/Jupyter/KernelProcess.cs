using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using ScalingLaws.Notebooks.Jupyter;

namespace ScalingLaws.Notebooks.Tests.Jupyter;

/// <summary>
/// A real `scaling kernel` child process and a minimal Jupyter client for it, written from the protocol spec:
/// DEALER sockets on shell and control, SUB on iopub, REQ on the heartbeat, every message signed with the key.
/// </summary>
internal sealed class KernelProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly DealerSocket _stdin = new();
    private readonly string _folder;

    public ConnectionInfo Connection { get; }

    public MessageSigner Signer { get; }

    public string Session { get; } = Guid.NewGuid().ToString();

    private KernelProcess(ConnectionInfo connection, string folder, Process process)
    {
        Connection = connection;
        Signer = new MessageSigner(connection.Key);
        _folder = folder;
        _process = process;
        process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        // A frontend's shell and stdin sockets share one identity: the kernel routes input requests by it.
        byte[] identity = Encoding.UTF8.GetBytes(Session);
        _shell.Options.Identity = identity;
        _stdin.Options.Identity = identity;
        _shell.Connect($"tcp://127.0.0.1:{connection.ShellPort}");
        _stdin.Connect($"tcp://127.0.0.1:{connection.StdinPort}");
        _control.Connect($"tcp://127.0.0.1:{connection.ControlPort}");
        _iopub.Connect($"tcp://127.0.0.1:{connection.IopubPort}");
        _iopub.SubscribeToAnyTopic();
    }

    /// <summary>What the kernel wrote to stderr (its log).</summary>
    public string Log
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a kernel on free loopback ports and waits until it answers kernel_info.</summary>
    public static KernelProcess Start()
    {
        string folder = Path.Combine(Path.GetTempPath(), "scaling-kernel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = new ConnectionInfo
        {
            ShellPort = FreePort(),
            IopubPort = FreePort(),
            StdinPort = FreePort(),
            ControlPort = FreePort(),
            HeartbeatPort = FreePort(),
            Key = Guid.NewGuid().ToString(),
        };
        string file = Path.Combine(folder, "connection.json");
        File.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(connection));
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "scaling.dll"), "kernel", "--connection-file", file])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder,
        };
        var kernel = new KernelProcess(connection, folder, Process.Start(start)!);
        // The SUB socket may miss what is published before it has joined: ask until a reply and its status arrive.
        for (int attempt = 0; ; attempt++)
        {
            var request = kernel.SendShell("kernel_info_request", new JsonObject());
            if (kernel.TryReceiveReply(kernel._shell, request, TimeSpan.FromSeconds(5)) is not null && kernel.TryWaitForIdle(request, TimeSpan.FromSeconds(2))) return kernel;
            Assert.False(kernel.HasExited, $"the kernel exited with code {(kernel.HasExited ? kernel.ExitCode : 0)}:\n{kernel.Log}");
            Assert.True(attempt < 12, $"the kernel did not answer kernel_info:\n{kernel.Log}");
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public JupyterMessage SendShell(string type, JsonObject content) => Send(_shell, type, content);

    public JupyterMessage SendControl(string type, JsonObject content) => Send(_control, type, content);

    /// <summary>Sends frames as given (a test tampers with them first).</summary>
    public void SendShellFrames(List<byte[]> frames)
    {
        var message = new NetMQMessage();
        foreach (var frame in frames) message.Append(frame);
        _shell.SendMultipartMessage(message);
    }

    public JupyterMessage Request(string type, JsonObject content) => Send(_shell, type, content);

    private JupyterMessage Send(DealerSocket socket, string type, JsonObject content)
    {
        var message = JupyterMessage.Create(type, content, null, Session);
        var frames = WireFormat.Encode(message, Signer);
        var outgoing = new NetMQMessage();
        foreach (var frame in frames) outgoing.Append(frame);
        socket.SendMultipartMessage(outgoing);
        return message;
    }

    public JupyterMessage ShellReply(JupyterMessage request) =>
        TryReceiveReply(_shell, request, Patience) ?? throw new Xunit.Sdk.XunitException($"no reply to {request.Type} within {Patience}:\n{Log}");

    public JupyterMessage ControlReply(JupyterMessage request) =>
        TryReceiveReply(_control, request, Patience) ?? throw new Xunit.Sdk.XunitException($"no reply to {request.Type} within {Patience}:\n{Log}");

    /// <summary>Every shell reply received while waiting, in order (a test checks nothing else arrived).</summary>
    public List<JupyterMessage> ShellReceived { get; } = new();

    private JupyterMessage? TryReceiveReply(DealerSocket socket, JupyterMessage request, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            NetMQMessage? frames = null;
            if (!socket.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(100), ref frames) || frames is null) continue;
            var reply = WireFormat.Decode(frames.Select(f => f.ToByteArray()).ToList(), Signer, out string? problem);
            Assert.True(reply is not null, $"the kernel sent a message this client cannot verify: {problem}");
            if (socket == _shell) ShellReceived.Add(reply!);
            if (reply!.ParentHeader["msg_id"]?.GetValue<string>() == request.Header["msg_id"]!.GetValue<string>()) return reply;
        }
        return null;
    }

    /// <summary>iopub messages answering <paramref name="request"/>, up to and including its idle status.</summary>
    public List<JupyterMessage> IopubUntilIdle(JupyterMessage request)
    {
        var messages = new List<JupyterMessage>();
        Assert.True(TryCollectUntilIdle(request, Patience, messages), $"no idle status for {request.Type} within {Patience}:\n{Log}");
        return messages;
    }

    /// <summary>Waits for the iopub message of <paramref name="type"/> answering <paramref name="request"/>.</summary>
    public JupyterMessage IopubMessage(JupyterMessage request, string type)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience && !_process.HasExited)
            if (NextIopub(TimeSpan.FromMilliseconds(100)) is { } m && IsFor(m, request) && m.Type == type) return m;
        throw new Xunit.Sdk.XunitException($"no {type} for {request.Type} within {Patience}:\n{Log}");
    }

    private bool TryWaitForIdle(JupyterMessage request, TimeSpan timeout) => TryCollectUntilIdle(request, timeout, new List<JupyterMessage>());

    private bool TryCollectUntilIdle(JupyterMessage request, TimeSpan timeout, List<JupyterMessage> into)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            if (NextIopub(TimeSpan.FromMilliseconds(100)) is not { } m || !IsFor(m, request)) continue;
            into.Add(m);
            if (m.Type == "status" && m.Content["execution_state"]?.GetValue<string>() == "idle") return true;
        }
        return false;
    }

    private JupyterMessage? NextIopub(TimeSpan wait)
    {
        NetMQMessage? frames = null;
        if (!_iopub.TryReceiveMultipartMessage(wait, ref frames) || frames is null) return null;
        return WireFormat.Decode(frames.Select(f => f.ToByteArray()).ToList(), Signer, out _);
    }

    private static bool IsFor(JupyterMessage message, JupyterMessage request) =>
        message.ParentHeader["msg_id"]?.GetValue<string>() == request.Header["msg_id"]!.GetValue<string>();

    /// <summary>Runs <paramref name="code"/>: the execute_reply and the iopub messages up to idle.</summary>
    public (JupyterMessage Reply, List<JupyterMessage> Iopub) Execute(string code)
    {
        var request = SendShell("execute_request", new JsonObject
        {
            ["code"] = code,
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false,
            ["stop_on_error"] = true,
        });
        var reply = ShellReply(request);
        return (reply, IopubUntilIdle(request));
    }

    /// <summary>Waits for the kernel's input_request on stdin and answers it with <paramref name="value"/>.</summary>
    public JupyterMessage AnswerInput(string value)
    {
        NetMQMessage? frames = null;
        Assert.True(_stdin.TryReceiveMultipartMessage(Patience, ref frames) && frames is not null, $"no input_request within {Patience}:\n{Log}");
        var request = WireFormat.Decode(frames.Select(f => f.ToByteArray()).ToList(), Signer, out string? problem)!;
        Assert.True(request is not null, problem);
        var reply = JupyterMessage.Create("input_reply", new JsonObject { ["value"] = value }, request, Session, []);
        var outgoing = new NetMQMessage();
        foreach (var frame in WireFormat.Encode(reply, Signer)) outgoing.Append(frame);
        _stdin.SendMultipartMessage(outgoing);
        return request;
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
        _process.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub, _stdin })
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Dispose();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder; the OS cleans it.
        }
    }
}
