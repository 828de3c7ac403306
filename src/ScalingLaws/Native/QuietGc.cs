using System.Runtime;

namespace ScalingLaws.Native;

/// <summary>
/// Keeps the garbage collector out of a stretch of native tensor calls. TorchSharp 0.107 passes a temporary Scalar's
/// handle to libtorch and keeps no reference to the Scalar while the native call runs (a + b is add(b, alpha: 1) with a
/// new Scalar 1), so a collection in the middle of the call may finalize the Scalar and free what libtorch is reading:
/// measured here as a rare "Expected false to be true ... toFloat" error from add_Tensor, or, worse, a silently wrong
/// alpha. A training step or an evaluation batch is run inside a no-GC region, so collections happen between them,
/// when no native call holds a temporary; if the region's allocation budget runs out, the runtime ends it with a
/// collection and the code goes on as before.
/// </summary>
public readonly struct QuietGc : IDisposable
{
    // A training step or evaluation batch allocates far less than this in managed memory (tensor wrappers, batch arrays).
    private const long Budget = 16L << 20;
    private readonly bool started;

    private QuietGc(bool started) => this.started = started;

    /// <summary>Starts a no-GC region (none when one is already active on this process).</summary>
    public static QuietGc Begin()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return new QuietGc(false);
        try
        {
            return new QuietGc(GC.TryStartNoGCRegion(Budget));
        }
        catch (InvalidOperationException)
        {
            return new QuietGc(false); // another thread started one first
        }
    }

    /// <summary>Ends the region (a no-op when the budget already ended it).</summary>
    public void Dispose()
    {
        if (!started || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The region ended on its own (its budget was used up, or a collection was induced): nothing to end.
        }
    }
}
