using System.Text;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class CorpusTests
{
    private static string Extract(TempFolder temp, Dictionary<string, string> files, string name)
    {
        string tgz = temp.File(name + ".tgz");
        FakePackages.WriteTgz(tgz, files);
        TarGzExtractor.Extract(tgz, temp.File(name));
        return temp.File(name);
    }

    [Fact]
    public void Sotu_parses_one_document_per_address_with_year_president_and_party()
    {
        using var temp = new TempFolder();
        var corpus = SotuCorpus.LoadFromFolder(Extract(temp, FakePackages.MiniSotu(), "sotu"), "test");

        Assert.Equal(["1790_george_washington_n", "1861_abraham_lincoln_r", "2021_joseph_r_biden_d"], corpus.Documents.Select(d => d.Id));
        var lincoln = corpus.Documents[1];
        Assert.Equal("1861", lincoln.Metadata["year"]);
        Assert.Equal("Abraham Lincoln", lincoln.Metadata["president"]);
        Assert.Equal("Republican", lincoln.Metadata["party"]);
        Assert.Equal("Fellow-Citizens \u2014 of the House.", lincoln.Text); // JSON escapes decoded, stored as UTF-8
        Assert.Equal(Encoding.UTF8.GetByteCount(lincoln.Text), lincoln.Bytes.Length);
    }

    [Fact]
    public void Moby_dick_follows_the_file_list_and_ignores_the_wrapped_copy()
    {
        using var temp = new TempFolder();
        var corpus = MobyDickCorpus.LoadFromFolder(Extract(temp, FakePackages.MiniMobyDick(), "moby"), "test");

        Assert.Equal(["etymology", "chapter_1", "chapter_2"], corpus.Documents.Select(d => d.Id));
        Assert.Equal("CHAPTER 1. Loomings.\n\nCall me Ishmael.", corpus.Documents[1].Text);
    }

    [Fact]
    public void Text_folder_makes_one_document_per_txt_file_and_keeps_raw_bytes()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("sub"));
        File.WriteAllBytes(temp.File("b.txt"), [0x68, 0xFF, 0x69]); // not valid UTF-8
        File.WriteAllText(temp.File("a.txt"), "alpha");
        File.WriteAllText(temp.File("sub/c.txt"), "gamma");
        File.WriteAllText(temp.File("notes.md"), "ignored");
        File.WriteAllText(temp.File("empty.txt"), "");

        var corpus = TextFolderCorpus.Load(temp.Path);

        Assert.Equal(["a.txt", "b.txt", "sub/c.txt"], corpus.Documents.Select(d => d.Id));
        Assert.Equal([0x68, 0xFF, 0x69], corpus.Documents[1].Bytes);
    }

    [Fact]
    public void Missing_folder_or_package_layout_says_what_to_pass()
    {
        using var temp = new TempFolder();
        Assert.Contains("does not exist", Assert.Throws<DirectoryNotFoundException>(() => TextFolderCorpus.Load(temp.File("nope"))).Message);
        Assert.Contains("no non-empty .txt", Assert.Throws<InvalidDataException>(() => TextFolderCorpus.Load(temp.Path)).Message);
        Assert.Contains("scaling data fetch", Assert.Throws<DirectoryNotFoundException>(() => SotuCorpus.LoadFromFolder(temp.Path, "x")).Message);
    }

    [Fact]
    public void A_binary_file_named_txt_is_skipped_and_named_not_tokenised_as_prose()
    {
        using var temp = new TempFolder();
        File.Copy("/bin/ls", temp.File("x.txt"));
        File.WriteAllText(temp.File("a.txt"), "alpha\tbeta\r\n");
        var log = new List<string>();

        var corpus = TextFolderCorpus.Load(temp.Path, log.Add);

        Assert.Equal(["a.txt"], corpus.Documents.Select(d => d.Id));
        Assert.Contains(log, line => line.Contains("skipped 1") && line.Contains("x.txt"));
        File.Delete(temp.File("a.txt"));
        var e = Assert.Throws<InvalidDataException>(() => TextFolderCorpus.Load(temp.Path));
        Assert.Contains("x.txt", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x68, 0x00, 0x69 }, true)]
    [InlineData(new byte[] { 0x68, 0xFF, 0x69, 0x0A, 0x09, 0x0D, 0x0C }, false)]
    public void Binary_means_NUL_or_control_bytes(byte[] bytes, bool binary) => Assert.Equal(binary, TextFolderCorpus.LooksBinary(bytes));
}
