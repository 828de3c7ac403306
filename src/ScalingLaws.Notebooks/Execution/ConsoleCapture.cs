using System.Text;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// Redirects Console.Out and Console.Error into one cell's outputs while it runs, keeping stdout and stderr
/// chunks in the order they were written (as a kernel streams them), optionally echoing to the real console.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _originalOut = Console.Out;
    private readonly TextWriter _originalError = Console.Error;
    private readonly List<(string Stream, StringBuilder Text)> _chunks = new();
    private readonly object _gate = new();

    public ConsoleCapture(TextWriter? echo)
    {
        Console.SetOut(new StreamWriter(this, "stdout", echo));
        Console.SetError(new StreamWriter(this, "stderr", echo));
    }

    /// <summary>Text written so far, one entry per run of writes to the same stream; clears the buffer.</summary>
    public List<(string Stream, string Text)> Drain()
    {
        lock (_gate)
        {
            var result = _chunks.Select(c => (c.Stream, c.Text.ToString())).Where(c => c.Item2.Length > 0).ToList();
            _chunks.Clear();
            return result;
        }
    }

    public void Dispose()
    {
        Console.SetOut(_originalOut);
        Console.SetError(_originalError);
    }

    private void Append(string stream, string text)
    {
        lock (_gate)
        {
            if (_chunks.Count == 0 || _chunks[^1].Stream != stream) _chunks.Add((stream, new StringBuilder()));
            _chunks[^1].Text.Append(text);
        }
    }

    private sealed class StreamWriter(ConsoleCapture owner, string stream, TextWriter? echo) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            owner.Append(stream, value);
            echo?.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
    }
}
