using ScalingLaws.IO;

namespace ScalingLaws.Tests.IO;

public sealed class RescuedFileTests : IDisposable
{
    private readonly Data.TempFolder _temp = new();
    private readonly string _name = $"rescue-test-{Guid.NewGuid():N}.json";

    public void Dispose()
    {
        _temp.Dispose();
        foreach (string f in Directory.Exists(RescuedFile.Folder) ? Directory.GetFiles(RescuedFile.Folder, "rescue-test-*") : []) File.Delete(f);
    }

    [Fact]
    public void A_result_that_cannot_go_where_asked_is_saved_in_the_temporary_folder()
    {
        // The folder the result was to go to is a file: nothing can be written below it.
        File.WriteAllText(_temp.File("blocked"), "");
        var (path, fault) = RescuedFile.WriteOrRescue(Path.Combine(_temp.File("blocked"), "run.json"), "{\"steps\": 3}", _name);
        Assert.NotNull(fault);
        Assert.Equal(Path.Combine(RescuedFile.Folder, _name), path);
        Assert.Equal("{\"steps\": 3}", File.ReadAllText(path));

        // A second rescue under the same name keeps the first.
        var (second, _) = RescuedFile.WriteOrRescue(Path.Combine(_temp.File("blocked"), "run.json"), "{\"steps\": 4}", _name);
        Assert.NotEqual(path, second);
        Assert.Equal("{\"steps\": 3}", File.ReadAllText(path));
    }

    [Fact]
    public void A_writable_location_gets_the_file_and_no_rescue()
    {
        string target = _temp.File("out/run.json");
        var (path, fault) = RescuedFile.WriteOrRescue(target, "{}", _name);
        Assert.Null(fault);
        Assert.Equal(target, path);
        Assert.False(File.Exists(Path.Combine(RescuedFile.Folder, _name)));
    }
}
