using static TorchSharp.torch;

namespace ScalingLaws.Data;

/// <summary>
/// Where a training run's batches come from: windows of running text (<see cref="SequenceSampler"/>) or rows of whole
/// examples (<see cref="ExampleSampler"/>). Both are counter-based: the whole data position is <see cref="Position"/>,
/// so a resumed run sees exactly the batches the uninterrupted run would have seen.
/// </summary>
public interface IBatchSampler
{
    /// <summary>The sampler's whole state: sequences (running text) or examples (whole examples) served so far.</summary>
    long Position { get; }

    /// <summary>The next <paramref name="rows"/> rows as int64 tensors (B, T), inputs and targets (untrained targets masked).</summary>
    (Tensor Input, Tensor Target) Next(int rows, Device device);
}
