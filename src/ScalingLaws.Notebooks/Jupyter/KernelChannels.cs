using NetMQ;
using NetMQ.Sockets;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// The kernel's five sockets over NetMQ: shell, control and stdin (ROUTER), iopub (PUB) and the heartbeat (echo).
/// Each receiving socket is read by one thread; iopub is written from several (the cell, the engine's output
/// flusher, control), so its sends are serialised. Every message is signed; one with a bad signature is dropped and
/// logged, never acted on.
/// </summary>
public sealed class KernelChannels : IDisposable
{
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly RouterSocket _heartbeat = new();
    private readonly object _iopubGate = new();
    private readonly object _shellGate = new();
    private readonly MessageSigner _signer;
    private readonly TextWriter _log;
    private readonly Thread _heartbeatThread;
    private volatile bool _stopping;

    /// <summary>Binds every socket of <paramref name="connection"/>; problems are written to <paramref name="log"/>.</summary>
    public KernelChannels(ConnectionInfo connection, TextWriter log)
    {
        _signer = new MessageSigner(connection.Key);
        _log = log;
        _shell.Bind(connection.Endpoint(connection.ShellPort));
        _control.Bind(connection.Endpoint(connection.ControlPort));
        _stdin.Bind(connection.Endpoint(connection.StdinPort));
        _iopub.Bind(connection.Endpoint(connection.IopubPort));
        _heartbeat.Bind(connection.Endpoint(connection.HeartbeatPort));
        _heartbeatThread = new Thread(EchoHeartbeats) { IsBackground = true, Name = "jupyter-heartbeat" };
        _heartbeatThread.Start();
    }

    /// <summary>A unique id for this kernel's session (every message header carries it).</summary>
    public string Session { get; } = Guid.NewGuid().ToString();

    /// <summary>Messages with a bad signature dropped so far.</summary>
    public int RejectedMessages { get; private set; }

    /// <summary>The next valid shell message, or null after <paramref name="timeout"/> or once stopping.</summary>
    public JupyterMessage? ReceiveShell(TimeSpan timeout) => Receive(_shell, "shell", timeout);

    /// <summary>The next valid control message, or null after <paramref name="timeout"/> or once stopping.</summary>
    public JupyterMessage? ReceiveControl(TimeSpan timeout) => Receive(_control, "control", timeout);

    /// <summary>Answers on shell.</summary>
    public void SendShell(JupyterMessage message)
    {
        lock (_shellGate) Send(_shell, message);
    }

    /// <summary>Answers on control (only the control thread calls this).</summary>
    public void SendControl(JupyterMessage message) => Send(_control, message);

    /// <summary>Publishes on iopub, from any thread.</summary>
    public void Publish(JupyterMessage message)
    {
        // PUB topics: ipykernel uses "kernel.<id>.<msg_type>"; subscribers take every topic.
        lock (_iopubGate) Send(_iopub, message with { Identities = [System.Text.Encoding.UTF8.GetBytes($"kernel.{Session}.{message.Type}")] });
    }

    /// <summary>
    /// Sends an input request on stdin and waits for the frontend's reply (or null once stopping). The frontend's stdin
    /// socket carries the same identity as its shell socket, so the request is routed with the execute request's
    /// identities. Only the thread running the cell calls this.
    /// </summary>
    public JupyterMessage? RequestInput(JupyterMessage request)
    {
        Send(_stdin, request);
        while (!_stopping)
            if (Receive(_stdin, "stdin", TimeSpan.FromMilliseconds(200)) is { Type: "input_reply" } reply) return reply;
        return null;
    }

    private JupyterMessage? Receive(NetMQSocket socket, string channel, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!_stopping && clock.Elapsed < timeout)
        {
            NetMQMessage? frames = null;
            if (!socket.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(100), ref frames) || frames is null) continue;
            var message = WireFormat.Decode(frames.Select(f => f.ToByteArray()).ToList(), _signer, out string? problem);
            if (message is not null) return message;
            RejectedMessages++;
            _log.WriteLine($"scaling kernel: dropped a message on {channel}: {problem}.");
        }
        return null;
    }

    private void Send(NetMQSocket socket, JupyterMessage message)
    {
        if (_stopping) return;
        var frames = WireFormat.Encode(message, _signer);
        var outgoing = new NetMQMessage();
        foreach (var frame in frames) outgoing.Append(frame);
        socket.SendMultipartMessage(outgoing);
    }

    // The heartbeat is a ZeroMQ echo: whatever arrives goes back unchanged, routing frames included.
    private void EchoHeartbeats()
    {
        while (!_stopping)
        {
            NetMQMessage? ping = null;
            try
            {
                if (_heartbeat.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(100), ref ping) && ping is not null) _heartbeat.SendMultipartMessage(ping);
            }
            catch (Exception e) when (e is ObjectDisposedException or TerminatingException)
            {
                return;
            }
        }
    }

    /// <summary>Stops the loops and closes every socket.</summary>
    public void Dispose()
    {
        _stopping = true;
        _heartbeatThread.Join(TimeSpan.FromSeconds(1));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            socket.Options.Linger = TimeSpan.FromMilliseconds(200);
            socket.Dispose();
        }
        NetMQConfig.Cleanup(block: false);
    }
}
