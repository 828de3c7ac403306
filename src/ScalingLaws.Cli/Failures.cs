using ScalingLaws.Data;
using ScalingLaws.IO;

namespace ScalingLaws.Cli;

/// <summary>
/// Turns what a command threw into one line on stderr and an exit code, the same way for every command: 2 for bad input
/// (the message names the input and the fix), 1 for a fault of the machine or the network (the message says what was
/// kept), 130 when interrupted. The stack trace is printed only with --verbose.
/// </summary>
internal static class Failures
{
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;

    public static int Report(Exception e, bool verbose, TextWriter error)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        var (code, message) = Classify(e);
        error.WriteLine($"error: {message}");
        if (verbose) error.WriteLine(e);
        return code;
    }

    private static (int Code, string Message) Classify(Exception e) => e switch
    {
        OperationCanceledException => (Interrupted, "interrupted."),
        _ when StorageFault.Is(e) => (Failed, OneLine(e)),
        DataFetchException or ChecksumMismatchException => (Failed, OneLine(e)),
        ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException
            or InvalidDataException or System.Text.Json.JsonException or Notebooks.NotebookInputException => (BadInput, OneLine(e)),
        _ => (Failed, $"unexpected {e.GetType().Name}: {OneLine(e)} Run again with --verbose for the stack trace, and report it as a bug."),
    };

    /// <summary>The message on one line, without the parameter name .NET appends to argument errors ("(Parameter 'heldOut')").</summary>
    public static string OneLine(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name }) message = message.Replace($" (Parameter '{name}')", "");
        return string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
