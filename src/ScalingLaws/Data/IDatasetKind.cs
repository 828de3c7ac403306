using System.Text.Json.Nodes;

namespace ScalingLaws.Data;

/// <summary>
/// One kind of dataset a sweep can name in its <c>"dataset"</c> entry (<c>{"kind": "mnist", ...}</c>): it checks the
/// entry before anything trains and prepares the dataset folder once (fetched, generated, checked, cached).
/// </summary>
public interface IDatasetKind
{
    /// <summary>The name in <c>"kind"</c>.</summary>
    string Name { get; }

    /// <summary>The keys the entry may carry besides "kind".</summary>
    IReadOnlySet<string> Keys { get; }

    /// <summary>Checks the values of the entry (no I/O); throws <see cref="ArgumentException"/> naming the field and the fix.</summary>
    void Validate(JsonObject spec);

    /// <summary>Returns the prepared dataset folder for the entry, preparing it first when the cache lacks it.</summary>
    string EnsurePrepared(JsonObject spec, DataCache cache, Action<string>? log, CancellationToken cancellation);
}
