using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// Console.In while a cell runs in the kernel: each line read is asked of the frontend (input_request on the stdin
/// socket, answered by input_reply), as Python's input() is in ipykernel. A frontend that said allow_stdin: false
/// (nbclient, nbconvert) cannot answer, so reading fails with a message instead of waiting forever.
/// </summary>
public sealed class StdinReader(KernelChannels channels, JupyterMessage execute, bool allowed) : TextReader
{
    private string _pending = "";

    /// <inheritdoc />
    public override string? ReadLine()
    {
        if (_pending.Length > 0)
        {
            string rest = _pending;
            _pending = "";
            return rest;
        }
        if (!allowed)
            throw new InvalidOperationException(
                "Console.ReadLine: this frontend does not take input (its execute request said allow_stdin: false, as nbconvert and nbclient do). " +
                "Set the value in code, or run the cell from a notebook page.");
        var request = JupyterMessage.Create("input_request", new JsonObject { ["prompt"] = "", ["password"] = false }, execute, channels.Session);
        return channels.RequestInput(request)?.Content["value"]?.GetValue<string>();
    }

    /// <inheritdoc />
    public override int Read()
    {
        if (_pending.Length == 0)
        {
            if (ReadLine() is not { } line) return -1;
            _pending = line + "\n";
        }
        char next = _pending[0];
        _pending = _pending[1..];
        return next;
    }

    /// <inheritdoc />
    public override int Peek() => _pending.Length > 0 ? _pending[0] : -1;
}
