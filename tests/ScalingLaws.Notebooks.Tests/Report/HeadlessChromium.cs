using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Tests.Report;

/// <summary>
/// The system Chromium (Debian's package, installed by .ci/run) driven over the Chrome DevTools Protocol: one
/// page, commands by id, and the console errors, exceptions, log errors and network requests it reports.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Task? _receiver;
    private int _nextId;

    /// <summary>Console errors, uncaught exceptions and error log entries, as text.</summary>
    public List<string> Errors { get; } = new();

    /// <summary>URLs the page requested.</summary>
    public List<string> Requests { get; } = new();

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        string profile = Path.Combine(Path.GetTempPath(), "scaling-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
            "--remote-debugging-port=0", "--window-size=1200,900", "about:blank",
        }) start.ArgumentList.Add(flag);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        await browser.ConnectAsync();
        return browser;
    }

    private async Task ConnectAsync()
    {
        // Chromium writes the port it chose (and the browser target's path) to DevToolsActivePort in the profile.
        string portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Executable} exited with code {_process.ExitCode} before it opened the DevTools port.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Executable} did not write {portFile} within 20 s.");
            await Task.Delay(50);
        }
        int port = int.Parse(File.ReadAllLines(portFile)[0]);
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        string url = targets.First(t => t!["type"]!.GetValue<string>() == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
        await _socket.ConnectAsync(new Uri(url), CancellationToken.None);
        _receiver = Task.Run(ReceiveLoop);
        foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Network.enable", "Page.enable" }) await SendAsync(domain);
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(string url)
    {
        var loaded = new TaskCompletionSource();
        void OnLoad(string method) { if (method == "Page.loadEventFired") loaded.TrySetResult(); }
        _eventObserver = OnLoad;
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private Action<string>? _eventObserver;

    /// <summary>Evaluates a JavaScript expression and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var response = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (response["exceptionDetails"] is { } details) throw new InvalidOperationException($"JavaScript failed: {details.ToJsonString()}");
        return response["result"]?["value"]?.DeepClone();
    }

    /// <summary>Saves a PNG of what the page shows now.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_gate)
        {
            id = ++_nextId;
            _pending[id] = done;
        }
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (reply["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return reply["result"]?.AsObject() ?? new JsonObject();
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult chunk;
            try
            {
                chunk = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
            {
                return;
            }
            message.Write(buffer, 0, chunk.Count);
            if (!chunk.EndOfMessage) continue;
            var json = JsonNode.Parse(message.ToArray())!.AsObject();
            message.SetLength(0);
            if (json["id"] is { } idNode)
            {
                TaskCompletionSource<JsonObject>? waiter;
                lock (_gate) _pending.Remove(idNode.GetValue<int>(), out waiter);
                waiter?.TrySetResult(json);
                continue;
            }
            Observe(json["method"]?.GetValue<string>() ?? "", json["params"]);
        }
    }

    private void Observe(string method, JsonNode? p)
    {
        string? consoleType = p is null ? null : p["type"]?.GetValue<string>();
        string? logLevel = p is null ? null : p["entry"]?["level"]?.GetValue<string>();
        lock (_gate)
        {
            if (method == "Runtime.consoleAPICalled" && consoleType is "error" or "assert")
                Errors.Add($"console.{consoleType}: {Describe(p!["args"])}");
            else if (method == "Runtime.exceptionThrown")
                Errors.Add($"exception: {Describe(p!["exceptionDetails"])}");
            else if (method == "Log.entryAdded" && logLevel == "error")
                Errors.Add($"log: {Describe(p!["entry"])}");
            else if (method == "Network.requestWillBeSent")
                Requests.Add(p!["request"]!["url"]!.GetValue<string>());
        }
        _eventObserver?.Invoke(method);
    }

    private static string Describe(JsonNode? node) => node?.ToJsonString() ?? "";

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception)
        {
            // The browser is being killed anyway.
        }
        if (_receiver is not null) await Task.WhenAny(_receiver, Task.Delay(2000));
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; the temp folder is cleaned by the OS.
        }
    }
}
