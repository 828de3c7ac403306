using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace ScalingLaws.Native;

/// <summary>
/// Loads TorchSharp's own native libraries (libtorch and libLibTorchSharp from its packages) by absolute path,
/// dependencies first, before TorchSharp looks for them by name. By name, the dynamic loader searches
/// LD_LIBRARY_PATH and the system folders first in a host whose deps.json does not list them (a notebook kernel
/// resolving TorchSharp as a package), and there it found Debian's python3-torch libtorch_cpu.so 1.13, against which
/// libLibTorchSharp fails (<c>undefined symbol: _ZNK3c105Error4whatEv</c>). Once a library is loaded, a later load of
/// the same soname (a DT_NEEDED entry, TorchSharp's own by-name load, a DllImport) gets the loaded one.
/// </summary>
public static class TorchNativeFiles
{
    /// <summary>libtorch's libraries, each after those it needs (libgomp is found by pattern: its name carries a hash).</summary>
    private static readonly string[] LibTorchInLoadOrder = ["libgomp-*.so.1", "libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>TorchSharp's native bridge.</summary>
    public const string LibTorchSharp = "libLibTorchSharp.so";

    /// <summary>
    /// The native libraries this process should load, in load order: libtorch from the folder beside the libLibTorchSharp
    /// TorchSharp ships with, else from the libtorch-cpu-linux-x64 package. Empty when none is found (TorchSharp's own
    /// loader then reports what is missing).
    /// </summary>
    public static IReadOnlyList<string> Find()
    {
        string? bridge = TorchSharpNative.CandidatePaths().FirstOrDefault(File.Exists);
        if (bridge is null) return [];
        string bridgeFolder = Path.GetDirectoryName(bridge)!;
        string? libtorch = new[] { bridgeFolder }.Concat(LibTorchPackageFolders()).FirstOrDefault(f => File.Exists(Path.Combine(f, "libtorch_cpu.so")));
        if (libtorch is null) return [];
        var files = LibTorchInLoadOrder
            .SelectMany(pattern => Directory.EnumerateFiles(libtorch, pattern).Order(StringComparer.Ordinal).Take(1))
            .ToList();
        files.Add(bridge);
        return files;
    }

    /// <summary>
    /// Loads <see cref="Find"/>'s files by absolute path and makes TorchSharp's DllImports use the bridge loaded here.
    /// Returns the files loaded; idempotent (loading a loaded library only counts a reference).
    /// </summary>
    public static IReadOnlyList<string> Load()
    {
        if (!OperatingSystem.IsLinux()) return [];
        var files = Find();
        IntPtr bridge = IntPtr.Zero;
        foreach (var file in files) bridge = NativeLibrary.Load(file);
        if (bridge != IntPtr.Zero)
        {
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) =>
                    name is "LibTorchSharp" or LibTorchSharp ? bridge : IntPtr.Zero);
            }
            catch (InvalidOperationException)
            {
                // A resolver was set already (an earlier call, or the host): by-name loads still find the loaded soname.
            }
        }
        return files;
    }

    /// <summary>The files of <paramref name="names"/> this process has mapped, from /proc/self/maps: what was really loaded.</summary>
    public static IReadOnlyList<string> Mapped(params string[] names)
    {
        if (!File.Exists("/proc/self/maps")) return [];
        return File.ReadLines("/proc/self/maps")
            .Select(line => line.Contains('/') ? line[line.IndexOf('/')..] : "")
            .Where(path => names.Contains(Path.GetFileName(path)))
            .Distinct().ToList();
    }

    // The libtorch-cpu-linux-x64 package in the NuGet cache, newest version first.
    private static IEnumerable<string> LibTorchPackageFolders()
    {
        string package = Path.Combine(TorchSharpNative.NuGetPackagesFolder(), "libtorch-cpu-linux-x64");
        if (!Directory.Exists(package)) return [];
        return Directory.EnumerateDirectories(package)
            .OrderByDescending(v => Version.TryParse(Path.GetFileName(v).Split('-')[0], out var parsed) ? parsed : new Version())
            .Select(v => Path.Combine(v, "runtimes", "linux-x64", "native"));
    }
}
