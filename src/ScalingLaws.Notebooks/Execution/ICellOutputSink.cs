using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// Where the engine sends a cell's outputs as they happen: the headless runner collects them into the notebook,
/// the Jupyter kernel publishes each one to the frontend at once. Calls may come from the cell's thread and the
/// engine's flush timer, never at the same time (the engine serialises them).
/// </summary>
public interface ICellOutputSink
{
    /// <summary>A new output: stream text, display_data, execute_result or error.</summary>
    void Write(CellOutput output);

    /// <summary>Replaces the data of the display output that carries <paramref name="displayId"/> (update_display_data).</summary>
    void Update(string displayId, IReadOnlyDictionary<string, string> data);
}
