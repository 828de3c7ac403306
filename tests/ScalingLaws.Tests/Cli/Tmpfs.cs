using System.Diagnostics;

namespace ScalingLaws.Tests.Cli;

/// <summary>
/// A small tmpfs mounted on a fresh folder, so a test can fill a real disk. Mounting needs root (CAP_SYS_ADMIN); where
/// it is not allowed, <see cref="TmpfsFactAttribute"/> shows the test as skipped with the reason.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    /// <summary>Why a tmpfs cannot be mounted here, or null when it can (probed once).</summary>
    public static readonly Lazy<string?> WhyNot = new(Probe);

    public Tmpfs(string size)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scaling-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (Mount(Path, size) is { } error) throw new InvalidOperationException($"mount -t tmpfs failed: {error}");
    }

    public string Path { get; }

    /// <summary>Fills the disk until only <paramref name="freeBytes"/> are left.</summary>
    public void FillLeaving(long freeBytes)
    {
        long fill = new DriveInfo(Path).AvailableFreeSpace - freeBytes;
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
        filler.Write(new byte[Math.Max(0, fill)]);
    }

    public void Empty() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    public void Dispose()
    {
        Command("umount", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "Mounts a tmpfs: Linux only.";
        string probe = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scaling-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            return Mount(probe, "64k") is { } error
                ? $"Cannot mount a tmpfs here ({error.Trim()}): run as root with CAP_SYS_ADMIN for the real full-disk test; SweepStorageFaultTests cover the same code through the store's write seam."
                : null;
        }
        finally
        {
            Command("umount", probe);
            Directory.Delete(probe);
        }
    }

    private static string? Mount(string folder, string size) => Command("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder);

    // Runs a command; null on success, else what it printed.
    private static string? Command(string file, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : error.Length > 0 ? error : $"exit code {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }
}

/// <summary>A [Fact] that needs <see cref="Tmpfs"/>; shown as skipped, with the reason, where mounting is not allowed.</summary>
internal sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.WhyNot.Value is { } reason) Skip = reason;
    }
}
