using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// The runner's output sink: a cell's outputs in order, as an executed notebook stores them. Consecutive text on
/// the same stream becomes one output, and an updated display keeps only its last content, where it first appeared
/// (what Jupyter frontends and nbclient do with update_display_data).
/// </summary>
public sealed class CollectedOutputs : ICellOutputSink
{
    private readonly List<CellOutput> _outputs = new();

    /// <summary>The outputs so far.</summary>
    public IReadOnlyList<CellOutput> Outputs => _outputs;

    /// <inheritdoc />
    public void Write(CellOutput output)
    {
        if (output.OutputType == "stream" && _outputs.Count > 0 && _outputs[^1] is { OutputType: "stream" } last && last.StreamName == output.StreamName)
            _outputs[^1] = last with { Text = last.Text + output.Text };
        else _outputs.Add(output);
    }

    /// <inheritdoc />
    public void Update(string displayId, IReadOnlyDictionary<string, string> data)
    {
        for (int i = 0; i < _outputs.Count; i++)
            if (_outputs[i].DisplayId == displayId) _outputs[i] = _outputs[i] with { Data = data };
    }
}
