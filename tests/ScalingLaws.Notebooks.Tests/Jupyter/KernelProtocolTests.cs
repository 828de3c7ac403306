using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using ScalingLaws.Notebooks.Jupyter;

namespace ScalingLaws.Notebooks.Tests.Jupyter;

/// <summary>One kernel process shared by the tests that leave it running.</summary>
public sealed class SharedKernel : IDisposable
{
    internal KernelProcess Kernel { get; } = KernelProcess.Start();

    public void Dispose() => Kernel.Dispose();
}

/// <summary>
/// The Jupyter messaging protocol as a client speaks it to a real `scaling kernel` process: signatures, heartbeat,
/// kernel_info, execute and its iopub messages, completion and inspection, interrupt, restart and shutdown.
/// </summary>
public class KernelProtocolTests(SharedKernel shared) : IClassFixture<SharedKernel>
{
    private readonly KernelProcess _kernel = shared.Kernel;

    private static JsonObject Data(JupyterMessage m) => m.Content["data"]!.AsObject();

    [Fact]
    public void Kernel_info_is_answered_with_busy_and_idle_around_it()
    {
        var request = _kernel.SendShell("kernel_info_request", new JsonObject());
        var reply = _kernel.ShellReply(request);
        var iopub = _kernel.IopubUntilIdle(request);

        Assert.Equal("kernel_info_reply", reply.Type);
        Assert.Equal("5.3", reply.Content["protocol_version"]!.GetValue<string>());
        Assert.Equal("C#", reply.Content["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(["busy", "idle"], iopub.Where(m => m.Type == "status").Select(m => m.Content["execution_state"]!.GetValue<string>()));
    }

    [Fact]
    public void Heartbeat_echoes_what_it_receives()
    {
        using var heartbeat = new RequestSocket($"tcp://127.0.0.1:{_kernel.Connection.HeartbeatPort}");
        heartbeat.SendFrame("ping 42");
        Assert.True(heartbeat.TryReceiveFrameString(TimeSpan.FromSeconds(30), out string? echo));
        Assert.Equal("ping 42", echo);
    }

    [Fact]
    public void A_message_with_a_tampered_signature_is_dropped_and_logged()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"scaling-tampered-{Guid.NewGuid():N}");
        var forged = JupyterMessage.Create("execute_request", new JsonObject
        {
            ["code"] = $"System.IO.File.WriteAllText(@\"{marker}\", \"ran\")",
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false,
            ["stop_on_error"] = true,
        }, null, _kernel.Session);
        var frames = WireFormat.Encode(forged, _kernel.Signer);
        // Change one hex digit of the signature: the content is as signed, the signature no longer matches.
        byte[] signature = frames[1];
        signature[0] = signature[0] == (byte)'0' ? (byte)'1' : (byte)'0';
        _kernel.SendShellFrames(frames);

        // Shell requests are served in order: once this reply is here, the forged request has been dealt with.
        var probe = _kernel.SendShell("kernel_info_request", new JsonObject());
        _kernel.ShellReply(probe);

        Assert.DoesNotContain(_kernel.ShellReceived, m => m.ParentHeader["msg_id"]?.GetValue<string>() == forged.Header["msg_id"]!.GetValue<string>());
        Assert.False(File.Exists(marker), "the forged execute_request ran");
        Assert.Contains("dropped a message on shell: bad signature", _kernel.Log);
    }

    [Fact]
    public void Execute_publishes_input_streams_displays_and_the_result_then_replies_ok()
    {
        var (reply, iopub) = _kernel.Execute("Console.WriteLine(\"hello\");\ndisplay(\"shown\");\n1 + 1");

        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        var types = iopub.Select(m => m.Type).ToList();
        Assert.Equal(["status", "execute_input"], types.Take(2));
        Assert.Equal("status", types[^1]);
        Assert.Equal("hello\n", string.Concat(iopub.Where(m => m.Type == "stream").Select(m => m.Content["text"]!.GetValue<string>())));
        Assert.Equal("shown", Data(iopub.Single(m => m.Type == "display_data"))["text/plain"]!.GetValue<string>());
        var result = iopub.Single(m => m.Type == "execute_result");
        Assert.Equal("2", Data(result)["text/plain"]!.GetValue<string>());
        Assert.Equal(reply.Content["execution_count"]!.GetValue<int>(), result.Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void An_error_replies_error_with_a_traceback_naming_the_cell_line()
    {
        var (reply, iopub) = _kernel.Execute("int before = 1;\nthrow new InvalidOperationException(\"boom\");");

        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("System.InvalidOperationException", reply.Content["ename"]!.GetValue<string>());
        var error = iopub.Single(m => m.Type == "error");
        string first = error.Content["traceback"]![0]!.GetValue<string>();
        Assert.Matches(@"^In \[\d+\], line 2: System.InvalidOperationException: boom$", first);
    }

    [Fact]
    public void State_is_shared_between_executions()
    {
        _kernel.Execute("var shared = 20;");
        var (_, iopub) = _kernel.Execute("shared + 22");
        Assert.Equal("42", Data(iopub.Single(m => m.Type == "execute_result"))["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_cell_calling_Environment_Exit_fails_and_the_kernel_lives_on()
    {
        var (reply, _) = _kernel.Execute("Console.WriteLine(\"about to exit\");\nEnvironment.Exit(3);");
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Contains("Environment.Exit(3)", reply.Content["evalue"]!.GetValue<string>());

        var (after, _) = _kernel.Execute("1 + 1");
        Assert.Equal("ok", after.Content["status"]!.GetValue<string>());
        Assert.False(_kernel.HasExited);
    }

    [Fact]
    public void A_display_updated_in_place_sends_update_display_data_with_its_display_id()
    {
        var (_, iopub) = _kernel.Execute("var shown = display(\"step 1\");\nshown.Update(\"step 2\");");
        var display = iopub.Single(m => m.Type == "display_data");
        var update = iopub.Single(m => m.Type == "update_display_data");
        string id = display.Content["transient"]!["display_id"]!.GetValue<string>();
        Assert.Equal(id, update.Content["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("step 2", Data(update)["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Console_ReadLine_asks_the_frontend_on_stdin_when_it_allows_input()
    {
        var request = _kernel.SendShell("execute_request", new JsonObject
        {
            ["code"] = "Console.Write(\"name? \");\nvar name = Console.ReadLine();\n$\"hello {name}\"",
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = true,
            ["stop_on_error"] = true,
        });
        var input = _kernel.AnswerInput("Ada");
        var reply = _kernel.ShellReply(request);
        var iopub = _kernel.IopubUntilIdle(request);

        Assert.Equal("input_request", input.Type);
        Assert.Equal(request.Header["msg_id"]!.GetValue<string>(), input.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("hello Ada", Data(iopub.Single(m => m.Type == "execute_result"))["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Console_ReadLine_fails_with_a_message_when_the_frontend_allows_no_input()
    {
        var (reply, _) = _kernel.Execute("var never = Console.ReadLine();");
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Contains("allow_stdin: false", reply.Content["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void Completion_offers_the_variables_and_members_in_scope()
    {
        _kernel.Execute("var learningRate = 0.001;");
        var reply = _kernel.ShellReply(_kernel.SendShell("complete_request", new JsonObject { ["code"] = "learn", ["cursor_pos"] = 5 }));
        Assert.Contains("learningRate", reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(0, reply.Content["cursor_start"]!.GetValue<int>());

        const string code = "Console.WriteL";
        var members = _kernel.ShellReply(_kernel.SendShell("complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length }));
        Assert.Equal(["WriteLine"], members.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("Console.".Length, members.Content["cursor_start"]!.GetValue<int>());
    }

    [Fact]
    public void Inspect_gives_the_signature_of_the_symbol_at_the_cursor()
    {
        const string code = "Math.Sqrt(2.0)";
        var reply = _kernel.ShellReply(_kernel.SendShell("inspect_request", new JsonObject { ["code"] = code, ["cursor_pos"] = 6, ["detail_level"] = 0 }));
        Assert.True(reply.Content["found"]!.GetValue<bool>());
        Assert.Contains("Math.Sqrt(double)", Data(reply)["text/plain"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1 + 1", "complete")]
    [InlineData("for (int i = 0; i < 3; i++)\n{", "incomplete")]
    [InlineData("var x = ;", "invalid")]
    public void Is_complete_tells_a_finished_cell_from_an_unfinished_one(string code, string expected)
    {
        var reply = _kernel.ShellReply(_kernel.SendShell("is_complete_request", new JsonObject { ["code"] = code }));
        Assert.Equal(expected, reply.Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Comm_info_and_history_are_answered_empty()
    {
        var comms = _kernel.ShellReply(_kernel.SendShell("comm_info_request", new JsonObject()));
        Assert.Empty(comms.Content["comms"]!.AsObject());
        var history = _kernel.ShellReply(_kernel.SendShell("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 10 }));
        Assert.Empty(history.Content["history"]!.AsArray());
    }
}

/// <summary>Interrupt, restart and shutdown: each test has a kernel of its own.</summary>
public class KernelLifecycleTests
{
    private static JupyterMessage StartEndlessCell(KernelProcess kernel, string code)
    {
        var request = kernel.SendShell("execute_request", new JsonObject
        {
            ["code"] = code,
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false,
            ["stop_on_error"] = true,
        });
        // Running once its input is published and it printed that it started.
        kernel.IopubMessage(request, "execute_input");
        kernel.IopubMessage(request, "stream");
        return request;
    }

    [Theory]
    [InlineData("long spins = 0;\nConsole.WriteLine(\"started\");\nwhile (true) spins++;")]
    [InlineData("Console.WriteLine(\"started\");\nfor (;;) { System.Threading.Thread.Sleep(10); }")]
    public void Interrupt_stops_an_endless_cell_and_the_kernel_keeps_its_state(string endless)
    {
        using var kernel = KernelProcess.Start();
        kernel.Execute("var kept = 7;");
        var running = StartEndlessCell(kernel, endless);

        var interrupt = kernel.ControlReply(kernel.SendControl("interrupt_request", new JsonObject()));
        var reply = kernel.ShellReply(running);

        Assert.Equal("ok", interrupt.Content["status"]!.GetValue<string>());
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("Interrupted", reply.Content["ename"]!.GetValue<string>());
        var (_, iopub) = kernel.Execute("kept * 6");
        Assert.Equal("42", iopub.Single(m => m.Type == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_cell_that_ignores_interrupts_is_ended_by_a_restart()
    {
        using var kernel = KernelProcess.Start();
        // A blocking wait with no loop: nothing in it asks whether to stop.
        StartEndlessCell(kernel, "Console.WriteLine(\"started\");\nSystem.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");
        kernel.ControlReply(kernel.SendControl("interrupt_request", new JsonObject()));

        var reply = kernel.ControlReply(kernel.SendControl("shutdown_request", new JsonObject { ["restart"] = true }));

        Assert.True(reply.Content["restart"]!.GetValue<bool>());
        Assert.True(kernel.WaitForExit(TimeSpan.FromSeconds(60)), "the kernel did not exit for the restart");
        Assert.Equal(0, kernel.ExitCode);
    }

    [Fact]
    public void Shutdown_replies_and_exits_cleanly()
    {
        using var kernel = KernelProcess.Start();
        var reply = kernel.ControlReply(kernel.SendControl("shutdown_request", new JsonObject { ["restart"] = false }));

        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.False(reply.Content["restart"]!.GetValue<bool>());
        Assert.True(kernel.WaitForExit(TimeSpan.FromSeconds(60)), "the kernel did not exit after shutdown_reply");
        Assert.Equal(0, kernel.ExitCode);
        Assert.DoesNotContain("Exception", kernel.Log);
    }
}
