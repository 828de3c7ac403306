using System.Buffers.Binary;
using ScalingLaws.Native;

namespace ScalingLaws.Tests.Native;

public class ElfVersionNeedsTests
{
    // The real library TorchSharp ships, as restored into this build's output.
    private static byte[] ShippedLibrary()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"Expected TorchSharp's native library at {path}.");
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void Reads_the_glibcxx_requirements_of_the_shipped_library()
    {
        var requirements = ElfVersionNeeds.Read(ShippedLibrary());
        Assert.Contains(requirements, r => r.Library == "libstdc++.so.6" && r.Version == "GLIBCXX_3.4.32");
        Assert.Contains(requirements, r => r.Library.StartsWith("libc.so", StringComparison.Ordinal) && r.Version.StartsWith("GLIBC_2.", StringComparison.Ordinal));
    }

    [Fact]
    public void Marks_only_the_named_version_weak_and_is_idempotent()
    {
        byte[] elf = ShippedLibrary();
        // Undo any earlier patch so the test starts from the file as shipped.
        foreach (var r in ElfVersionNeeds.Read(elf).Where(r => r.Version == "GLIBCXX_3.4.32"))
            BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(r.FlagsOffset), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(r.FlagsOffset)) & ~2));
        var before = ElfVersionNeeds.Read(elf);
        Assert.False(before.Single(r => r.Version == "GLIBCXX_3.4.32").IsWeak);

        Assert.Equal(1, ElfVersionNeeds.MakeWeak(elf, "GLIBCXX_3.4.32"));
        var after = ElfVersionNeeds.Read(elf);
        Assert.True(after.Single(r => r.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.Equal(before.Where(r => r.Version != "GLIBCXX_3.4.32"), after.Where(r => r.Version != "GLIBCXX_3.4.32"));
        Assert.Equal(0, ElfVersionNeeds.MakeWeak(elf, "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Rejects_a_file_that_is_not_elf()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[128]));
        Assert.Contains("Not an ELF file", error.Message);
    }

    [Fact]
    public void TorchSharp_loads_after_the_automatic_fix()
    {
        string report = TorchSharpNative.EnsureLoadable();
        Assert.Contains("loaded", report);
        using var x = TorchSharp.torch.ones(2, 3);
        Assert.Equal(6f, x.sum().item<float>());
    }
}
