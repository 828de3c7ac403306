using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Execution;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// The Jupyter front end of the engine (messaging protocol 5.3): shell requests are served one at a time on the
/// shell thread, which also runs the cells; control requests (interrupt, shutdown) on their own thread, so they are
/// answered while a cell runs. Interrupts are messages (kernelspec interrupt_mode "message") and cooperative (see
/// <see cref="CSharpEngine.Interrupt"/>); a cell that still does not stop is ended by a restart, which is a shutdown
/// the client follows with a fresh process.
/// </summary>
public sealed class JupyterKernel
{
    /// <summary>What kernel_info_reply calls this kernel's language.</summary>
    public static readonly JsonObject LanguageInfo = new()
    {
        ["name"] = "C#",
        ["version"] = "14.0",
        ["mimetype"] = "text/x-csharp",
        ["file_extension"] = ".cs",
        ["pygments_lexer"] = "csharp",
        ["codemirror_mode"] = "text/x-csharp",
    };

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly KernelChannels _channels;
    private readonly CSharpEngine _engine;
    private readonly TextWriter _log;
    private readonly ManualResetEventSlim _shutdown = new();
    private int _executionCount;

    /// <summary>A kernel on <paramref name="channels"/> running cells in <paramref name="engine"/>; problems go to <paramref name="log"/>.</summary>
    public JupyterKernel(KernelChannels channels, CSharpEngine engine, TextWriter log)
    {
        _channels = channels;
        _engine = engine;
        _log = log;
    }

    /// <summary>Serves until a shutdown request; returns the process exit code (0).</summary>
    public int Run()
    {
        var shell = new Thread(() => Serve(() => _channels.ReceiveShell(Poll), HandleShell)) { IsBackground = true, Name = "jupyter-shell" };
        var control = new Thread(() => Serve(() => _channels.ReceiveControl(Poll), HandleControl)) { IsBackground = true, Name = "jupyter-control" };
        shell.Start();
        control.Start();
        Publish("status", new JsonObject { ["execution_state"] = "starting" }, null);
        _shutdown.Wait();
        control.Join(TimeSpan.FromSeconds(2));
        // A cell that ignores interrupts keeps the shell thread: it is a background thread and ends with the process.
        shell.Join(TimeSpan.FromSeconds(2));
        return 0;
    }

    private void Serve(Func<JupyterMessage?> receive, Action<JupyterMessage> handle)
    {
        while (!_shutdown.IsSet)
        {
            if (receive() is not { } message) continue;
            try
            {
                handle(message);
            }
            catch (Exception e)
            {
                // One bad request must not take the kernel down; the frontend sees the kernel go idle.
                _log.WriteLine($"scaling kernel: {message.Type} failed: {e.Message}");
            }
        }
    }

    private void HandleControl(JupyterMessage request)
    {
        switch (request.Type)
        {
            case "interrupt_request":
                _engine.Interrupt();
                _channels.SendControl(Reply(request, "interrupt_reply", new JsonObject { ["status"] = "ok" }));
                break;
            case "shutdown_request":
                Shutdown(request, _channels.SendControl);
                break;
            case "kernel_info_request":
                Busy(request, () => _channels.SendControl(Reply(request, "kernel_info_reply", KernelInfo())));
                break;
            default:
                _log.WriteLine($"scaling kernel: ignored {request.Type} on control.");
                break;
        }
    }

    private void HandleShell(JupyterMessage request)
    {
        // jupyter_client trusts a reply only after some iopub message for it: every request gets busy/idle around it.
        Busy(request, () =>
        {
            switch (request.Type)
            {
                case "kernel_info_request":
                    _channels.SendShell(Reply(request, "kernel_info_reply", KernelInfo()));
                    break;
                case "execute_request":
                    Execute(request);
                    break;
                case "is_complete_request":
                    string status = CodeAssistance.IsComplete(Text(request, "code"));
                    var answer = new JsonObject { ["status"] = status };
                    if (status == "incomplete") answer["indent"] = "    ";
                    _channels.SendShell(Reply(request, "is_complete_reply", answer));
                    break;
                case "complete_request":
                    var completions = CodeAssistance.Complete(_engine, Text(request, "code"), Number(request, "cursor_pos"));
                    _channels.SendShell(Reply(request, "complete_reply", new JsonObject
                    {
                        ["status"] = "ok",
                        ["matches"] = new JsonArray(completions.Matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
                        ["cursor_start"] = completions.Start,
                        ["cursor_end"] = completions.End,
                        ["metadata"] = new JsonObject(),
                    }));
                    break;
                case "inspect_request":
                    string? doc = CodeAssistance.Inspect(_engine, Text(request, "code"), Number(request, "cursor_pos"));
                    _channels.SendShell(Reply(request, "inspect_reply", new JsonObject
                    {
                        ["status"] = "ok",
                        ["found"] = doc is not null,
                        ["data"] = doc is null ? new JsonObject() : new JsonObject { ["text/plain"] = doc },
                        ["metadata"] = new JsonObject(),
                    }));
                    break;
                case "comm_info_request":
                    _channels.SendShell(Reply(request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }));
                    break;
                case "history_request":
                    _channels.SendShell(Reply(request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() }));
                    break;
                case "shutdown_request":
                    Shutdown(request, _channels.SendShell);
                    break;
                case "comm_open":
                    // No comm targets here: close it, as ipykernel does for an unknown target.
                    Publish("comm_close", new JsonObject { ["comm_id"] = request.Content["comm_id"]?.DeepClone(), ["data"] = new JsonObject() }, request);
                    break;
                default:
                    _log.WriteLine($"scaling kernel: ignored {request.Type} on shell.");
                    break;
            }
        });
    }

    private void Execute(JupyterMessage request)
    {
        string code = Text(request, "code");
        bool silent = request.Content["silent"]?.GetValue<bool>() == true;
        bool storeHistory = !silent && request.Content["store_history"]?.GetValue<bool>() != false;
        int count = storeHistory ? ++_executionCount : Math.Max(_executionCount, 1);
        if (!silent) Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);
        var sink = new IopubOutputSink(_channels, request);
        var cell = new CellRequest { Source = code, Name = $"In [{count}]", ExecutionCount = count };
        var stdin = Console.In;
        Console.SetIn(new StdinReader(_channels, request, allowed: request.Content["allow_stdin"]?.GetValue<bool>() == true));
        CellResult result;
        try
        {
            result = _engine.RunCellAsync(cell, silent ? new DiscardedOutputs() : sink).GetAwaiter().GetResult();
        }
        finally
        {
            Console.SetIn(stdin);
        }
        var reply = new JsonObject { ["execution_count"] = count };
        if (result.Failure is { } failure && sink.Error is { } error)
        {
            reply["status"] = "error";
            reply["ename"] = error.ErrorName;
            reply["evalue"] = error.ErrorValue;
            reply["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }
        else if (result.Failure is { } silentFailure)
        {
            reply["status"] = "error";
            reply["ename"] = silentFailure.ErrorName;
            reply["evalue"] = silentFailure.Message;
            reply["traceback"] = new JsonArray();
        }
        else
        {
            reply["status"] = "ok";
            reply["user_expressions"] = new JsonObject();
            reply["payload"] = new JsonArray();
        }
        _channels.SendShell(Reply(request, "execute_reply", reply));
    }

    private void Shutdown(JupyterMessage request, Action<JupyterMessage> send)
    {
        bool restart = request.Content["restart"]?.GetValue<bool>() == true;
        _engine.Interrupt();
        send(Reply(request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart }));
        _shutdown.Set();
    }

    private JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "scaling-csharp",
        ["implementation_version"] = typeof(JupyterKernel).Assembly.GetName().Version?.ToString(3) ?? "0",
        ["language_info"] = LanguageInfo.DeepClone(),
        ["banner"] = "C# (ScalingNotebooks): the ScalingNotebooks engine (Roslyn scripting, .NET " + Environment.Version + ")",
        ["help_links"] = new JsonArray(),
    };

    private void Busy(JupyterMessage request, Action work)
    {
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
        try
        {
            work();
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
        }
    }

    private void Publish(string type, JsonObject content, JupyterMessage? parent) =>
        _channels.Publish(JupyterMessage.Create(type, content, parent, _channels.Session));

    private JupyterMessage Reply(JupyterMessage request, string type, JsonObject content) =>
        JupyterMessage.Create(type, content, request, _channels.Session);

    private static string Text(JupyterMessage request, string field) => request.Content[field]?.GetValue<string>() ?? "";

    private static int Number(JupyterMessage request, string field) => request.Content[field]?.GetValue<int>() ?? 0;
}
