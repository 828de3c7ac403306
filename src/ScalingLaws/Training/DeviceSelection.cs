using ScalingLaws.Native;
using static TorchSharp.torch;

namespace ScalingLaws.Training;

/// <summary>Chooses the torch device from a name: "auto" (CUDA when available, else CPU), "cpu", "cuda" or "cuda:N".</summary>
public static class DeviceSelection
{
    /// <summary>Resolves <paramref name="name"/>; throws naming the valid choices for an unknown or unavailable device.</summary>
    public static Device Resolve(string name)
    {
        TorchSharpNative.EnsureLoadable();
        string n = name.Trim().ToLowerInvariant();
        if (n is "auto") return cuda.is_available() ? CUDA : CPU;
        if (n is "cpu") return CPU;
        if (n == "cuda" || (n.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(n.AsSpan(5), out _)))
        {
            if (!cuda.is_available())
                throw new ArgumentException(
                    $"Device '{name}' was requested but CUDA is not available here (this build uses the TorchSharp-cpu package, or no GPU is visible). Use --device cpu or auto.");
            return new Device(n);
        }
        throw new ArgumentException($"Unknown device '{name}'. Use auto, cpu, cuda or cuda:N.");
    }
}
