namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// The globals object every cell sees, as a .NET Interactive kernel provides them: <c>display(x)</c> shows a
/// value in the cell's output (charts, tables, text) without ending the cell.
/// </summary>
public sealed class NotebookGlobals
{
    private readonly Action<object?, string[]> _display;

    internal NotebookGlobals(Action<object?, string[]> display) => _display = display;

    /// <summary>Shows <paramref name="value"/> in the cell's output, formatted as .NET Interactive would.</summary>
    /// <param name="value">Any value: a chart, a DataFrame, a string, a number, a collection.</param>
    /// <param name="mimeTypes">Restrict the output to these mime types (e.g. "text/plain"); empty means all.</param>
#pragma warning disable IDE1006 // .NET Interactive's name, so notebooks run unchanged in both.
    public void display(object? value, params string[] mimeTypes) => _display(value, mimeTypes);
#pragma warning restore IDE1006
}
