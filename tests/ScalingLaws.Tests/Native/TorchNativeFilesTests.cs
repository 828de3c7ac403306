using System.Diagnostics;
using System.Text.Json.Nodes;
using ScalingLaws.Native;

namespace ScalingLaws.Tests.Native;

/// <summary>
/// TorchSharp's native libraries are loaded from its own packages by absolute path, in any host: the proof is which
/// files the process mapped (/proc/self/maps), also in a host that lists no TorchSharp natives and has a decoy
/// libtorch first on LD_LIBRARY_PATH (as a notebook kernel beside Debian's python3-torch had).
/// </summary>
public class TorchNativeFilesTests
{
    private static readonly string[] Names = ["libtorch_cpu.so", TorchNativeFiles.LibTorchSharp];

    [Fact]
    public void This_process_maps_exactly_the_files_the_loader_chose()
    {
        if (!OperatingSystem.IsLinux()) return;
        TorchSharpNative.EnsureLoadable();

        var chosen = TorchNativeFiles.Find().Where(f => Names.Contains(Path.GetFileName(f))).ToList();
        Assert.Equal(2, chosen.Count);
        Assert.Equal(chosen.Order(), TorchNativeFiles.Mapped(Names).Order());
    }

    [Fact]
    public async Task A_host_without_torch_natives_in_its_deps_and_a_decoy_libtorch_on_LD_LIBRARY_PATH_maps_the_packages_files()
    {
        if (!OperatingSystem.IsLinux()) return;
        string root = Path.Combine(Path.GetTempPath(), "scaling-native-tests", Guid.NewGuid().ToString("N"));
        string host = Path.Combine(root, "host"), decoys = Path.Combine(root, "decoys");
        Directory.CreateDirectory(host);
        Directory.CreateDirectory(decoys);
        // The CLI's managed files only, with a deps.json that lists no native assets: TorchSharp's natives must come
        // from its NuGet packages, as they do for a kernel that resolves TorchSharp as a package.
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory).Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith("runtimeconfig.json", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(host, Path.GetFileName(file)));
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scaling.deps.json")))!;
        foreach (var target in deps["targets"]!.AsObject())
            foreach (var library in target.Value!.AsObject())
            {
                library.Value!.AsObject().Remove("native");
                library.Value!.AsObject().Remove("runtimeTargets");
            }
        File.WriteAllText(Path.Combine(host, "scaling.deps.json"), deps.ToJsonString());
        // Decoys: real shared libraries that are not libtorch, under libtorch's names.
        string notLibtorch = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libSystem.Native.so");
        foreach (var name in new[] { "libtorch_cpu.so", "libc10.so", "libtorch.so" }) File.Copy(notLibtorch, Path.Combine(decoys, name));

        var start = new ProcessStartInfo("dotnet", [Path.Combine(host, "scaling.dll"), "version"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["LD_LIBRARY_PATH"] = decoys;
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        string stdout = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(child.ExitCode == 0, stdout + await stderr);

        string mapped = stdout[(stdout.IndexOf("Mapped: ", StringComparison.Ordinal) + "Mapped: ".Length)..].Trim().TrimEnd('.');
        var files = mapped.Split(", ");
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.DoesNotContain(decoys, f));
        Assert.Contains(files, f => f.Contains("/libtorch-cpu-linux-x64/", StringComparison.Ordinal) && f.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("/torchsharp/", StringComparison.Ordinal) && f.EndsWith("/" + TorchNativeFiles.LibTorchSharp, StringComparison.Ordinal));
        Directory.Delete(root, recursive: true);
    }
}
