using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace ScalingLaws.Native;

/// <summary>
/// Makes TorchSharp's native library load on Linux systems whose libstdc++ is older than the one it was
/// built against (Debian 12: GCC 12, GLIBCXX up to 3.4.30), with no manual step.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> requires GLIBCXX_3.4.32 for exactly one symbol,
/// <c>std::ios_base_library_init()</c>, which GCC 13 headers emit as a link anchor and no relocation uses.
/// Marking that version requirement weak lets glibc load the library; nothing calls the symbol. The patch is
/// applied only when the system libstdc++ lacks the version, to every copy TorchSharp may load (build
/// output, its consolidated native folder, the NuGet cache used by notebooks), atomically and idempotently.
/// Then the natives are loaded by absolute path (<see cref="TorchNativeFiles"/>), so any host gets TorchSharp's own.
/// </remarks>
public static class TorchSharpNative
{
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const string LibraryFile = "libLibTorchSharp.so";
    private static readonly object Gate = new();
    private static string? _report;

    /// <summary>
    /// Patches what needs patching, then initialises TorchSharp on the CPU. Safe to call many times and from
    /// many threads. Returns a one-paragraph report of what it found and did; throws with the cause and the fix
    /// when the native library still does not load.
    /// </summary>
    public static string EnsureLoadable()
    {
        lock (Gate)
        {
            if (_report is not null) return _report;
            // Before libtorch (and its libgomp) loads: every entry point that loads torch comes through here.
            OpenMpSpin.ConfigureBeforeTorchLoads();
            var report = new StringBuilder();
            if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
            {
                string? libstdcxx = FindSystemLibStdCxx();
                bool needed = libstdcxx is not null && !FileContains(libstdcxx, MissingVersion);
                report.Append($"System libstdc++: {libstdcxx ?? "not found"}; provides {MissingVersion}: {(needed ? "no" : "yes")}. ");
                if (needed)
                {
                    foreach (var path in CandidatePaths().Where(File.Exists))
                        report.Append(PatchFile(path) ? $"Patched {path}. " : $"Already loadable: {path}. ");
                }
            }
            try
            {
                // TorchSharp's own natives by absolute path first: never a system libtorch of another version.
                TorchNativeFiles.Load();
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"TorchSharp's native library ({LibraryFile}) failed to load: {e.Message}\n" +
                    $"What was checked: {report}\n" +
                    "Fix: make sure the TorchSharp-cpu 0.107.0 package restored completely (run `dotnet restore`), " +
                    $"and on Linux that the system libstdc++ provides GLIBCXX_3.4.30 or newer. If the library lives " +
                    "somewhere this project does not look, run `scaling version` from the same build to patch it.", e);
            }
            report.Append($"TorchSharp {typeof(torch).Assembly.GetName().Version} loaded (CUDA available: {torch.cuda.is_available()}). ");
            report.Append($"Mapped: {string.Join(", ", TorchNativeFiles.Mapped("libtorch_cpu.so", TorchNativeFiles.LibTorchSharp))}.");
            _report = report.ToString();
            return _report;
        }
    }

    /// <summary>Marks the GLIBCXX_3.4.32 requirement of one file weak. Returns true if the file changed.</summary>
    public static bool PatchFile(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (ElfVersionNeeds.MakeWeak(bytes, MissingVersion) == 0) return false;
        // Write beside, then rename: a process that already mapped the old file keeps its inode, and a
        // reader never sees a half-written library.
        IO.AtomicFile.Write(path, file =>
        {
            file.Write(bytes);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, File.GetUnixFileMode(path));
        });
        return true;
    }

    /// <summary>Every place TorchSharp may load its native library from in this process.</summary>
    internal static IEnumerable<string> CandidatePaths()
    {
        var folders = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
            folders.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        foreach (var root in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(torch).Assembly.Location) })
        {
            if (string.IsNullOrEmpty(root)) continue;
            folders.Add(root);
            folders.Add(Path.Combine(root, "runtimes", "linux-x64", "native"));
            folders.Add(Path.Combine(root, "cpu")); // TorchSharp consolidates split native packages here
        }
        string version = typeof(torch).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.107.0";
        folders.Add(Path.Combine(NuGetPackagesFolder(), "torchsharp", version, "runtimes", "linux-x64", "native"));
        return folders.Select(f => Path.GetFullPath(Path.Combine(f, LibraryFile))).Distinct();
    }

    internal static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The libstdc++ this process uses (the .NET host links it), else the usual system paths.</summary>
    private static string? FindSystemLibStdCxx()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal)) return line[slash..];
            }
        }
        catch (IOException) { }
        return new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }
            .FirstOrDefault(File.Exists);
    }

    private static bool FileContains(string path, string text)
    {
        byte[] needle = Encoding.ASCII.GetBytes(text + "\0");
        return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
    }
}
