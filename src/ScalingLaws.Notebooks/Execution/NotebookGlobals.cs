namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// The globals object every cell sees, as a .NET Interactive kernel provides them: <c>display(x)</c> shows a
/// value in the cell's output (charts, tables, text) without ending the cell, and returns a handle to update it.
/// </summary>
public sealed class NotebookGlobals
{
    private readonly Func<object?, string[], DisplayedValue> _display;

    internal NotebookGlobals(Func<object?, string[], DisplayedValue> display) => _display = display;

    /// <summary>Shows <paramref name="value"/> in the cell's output, formatted as .NET Interactive would.</summary>
    /// <param name="value">Any value: a chart, a DataFrame, a string, a number, a collection.</param>
    /// <param name="mimeTypes">Restrict the output to these mime types (e.g. "text/plain"); empty means all.</param>
    /// <returns>The shown output, which <see cref="DisplayedValue.Update"/> replaces in place.</returns>
#pragma warning disable IDE1006 // .NET Interactive's name, so notebooks run unchanged in both.
    public DisplayedValue display(object? value, params string[] mimeTypes) => _display(value, mimeTypes);
#pragma warning restore IDE1006
}

/// <summary>An output shown with <c>display(x)</c>; updating it replaces that output where it is (update_display_data).</summary>
public sealed class DisplayedValue
{
    private readonly Action<object?> _update;

    internal DisplayedValue(string displayId, Action<object?> update)
    {
        DisplayId = displayId;
        _update = update;
    }

    /// <summary>The output's display id (Jupyter's transient display_id).</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="value"/> in place of what this output showed.</summary>
    public void Update(object? value) => _update(value);
}
