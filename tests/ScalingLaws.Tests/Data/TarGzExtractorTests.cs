using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class TarGzExtractorTests
{
    [Fact]
    public void A_file_that_is_not_gzip_is_reported_as_unreadable()
    {
        using var temp = new TempFolder();
        string path = temp.File("broken.tgz");
        File.WriteAllText(path, "this is not a tarball");
        var error = Assert.Throws<InvalidDataException>(() => TarGzExtractor.Extract(path, temp.File("out")));
        Assert.Contains("not a readable .tgz", error.Message);
    }
}
