namespace ScalingLaws.Notebooks.Tests;

/// <summary>Paths of the fixture notebooks (copied next to the test assembly) and fresh output folders.</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A new, not yet created, folder under the temp directory.</summary>
    public static string NewOutputDirectory() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scaling-notebook-tests", Guid.NewGuid().ToString("N"));
}
