using ScalingLaws.IO;

namespace ScalingLaws.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly Data.TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writes_creating_the_folder_and_replaces_an_existing_file()
    {
        string path = Path.Combine(_temp.Path, "a", "b", "record.json");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["record.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_old_file_and_no_temporary()
    {
        string path = _temp.File("record.json");
        AtomicFile.WriteAllText(path, "kept");
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of a new"u8);
            throw new IOException("No space left on device");
        }));
        Assert.Contains("No space left", e.Message);
        Assert.Equal("kept", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void TryCreate_never_replaces_what_another_writer_created_first()
    {
        string path = _temp.File("run.json");
        Assert.True(AtomicFile.TryCreate(path, s => s.Write("first"u8)));
        Assert.False(AtomicFile.TryCreate(path, s => s.Write("second"u8)));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void Streams_any_size_and_keeps_the_bytes()
    {
        string path = _temp.File("ckpt.bin");
        var bytes = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 31)).ToArray();
        AtomicFile.Write(path, stream => { for (int i = 0; i < bytes.Length; i += 65_537) stream.Write(bytes, i, Math.Min(65_537, bytes.Length - i)); }, durable: true);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Stale_temporaries_are_removed_and_fresh_ones_kept()
    {
        string stale = _temp.File(Path.Combine("r1", "checkpoints", ".ckpt-0000000010.bin.0123.tmp"));
        string legacy = _temp.File("r0.failed.json.4242.abcd.tmp");
        string fresh = _temp.File(".r2.json.5678.tmp");
        string record = _temp.File("r3.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        foreach (string f in new[] { stale, legacy, fresh, record }) File.WriteAllText(f, "");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(legacy, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(record, DateTime.UtcNow.AddHours(-1));

        Assert.Equal(2, AtomicFile.RemoveStaleTemporaries(_temp.Path, TimeSpan.FromMinutes(5)));
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(legacy));
        Assert.True(File.Exists(fresh), "a live writer's temporary must survive");
        Assert.True(File.Exists(record));
    }
}
