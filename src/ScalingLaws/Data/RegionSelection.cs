namespace ScalingLaws.Data;

/// <summary>
/// Which regions of a dataset are prediction targets: the image part of a caption-image pair, the answer of a
/// question. Region 0 (a start token, padding) never is.
/// </summary>
public sealed class RegionSelection
{
    private readonly bool[] selected = new bool[256];

    private RegionSelection() { }

    /// <summary>Every named region (the default: train on all that is scored).</summary>
    public static RegionSelection All { get; } = Of(Enumerable.Range(1, 255).Select(i => (byte)i));

    /// <summary>The given region ids.</summary>
    public static RegionSelection Of(IEnumerable<byte> ids)
    {
        var selection = new RegionSelection();
        foreach (byte id in ids) if (id != 0) selection.selected[id] = true;
        return selection;
    }

    /// <summary>The named regions of <paramref name="layout"/>, or all when <paramref name="names"/> is null.</summary>
    public static RegionSelection For(DatasetLayout layout, IReadOnlyList<string>? names) =>
        names is null ? All : Of(names.Select(layout.RegionId));

    /// <summary>Whether region <paramref name="id"/> is a target.</summary>
    public bool Contains(byte id) => selected[id];
}
