using System.Runtime.InteropServices;

namespace ScalingLaws.Native;

/// <summary>
/// Shortens how long libtorch's OpenMP threads (GNU libgomp) spin at a barrier before sleeping. By default they
/// spin for 300,000 iterations; on a machine whose cores are also busy with other work (shared CI, a laptop
/// compiling), a spinning thread holds a core the other thread needs and a training step slows several-fold
/// (measured here on 2 cores under load: 3,000-8,000 tokens/s with the default against 17,000-19,000 with
/// GOMP_SPINCOUNT=1000). libgomp reads the variable once when it is loaded, so this must run before the first
/// torch call; a value the user set (GOMP_SPINCOUNT or OMP_WAIT_POLICY) is left alone.
/// </summary>
public static class OpenMpSpin
{
    /// <summary>Spin iterations before an idle OpenMP thread sleeps.</summary>
    public const int SpinCount = 1000;

    /// <summary>Sets GOMP_SPINCOUNT in the native environment unless the user chose a wait policy. Idempotent.</summary>
    public static void ConfigureBeforeTorchLoads()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null) return;
        // .NET keeps its own copy of the environment on Unix; libgomp reads the C library's, so set it there.
        setenv("GOMP_SPINCOUNT", SpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
