namespace ScalingLaws.Tests.Data;

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scaling-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to a new file with a unique name ending in <paramref name="suffix"/>; returns its path.</summary>
    public string Write(string suffix, string text)
    {
        string path = File($"{Guid.NewGuid():N}{suffix}");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

/// <summary>A [Fact] that runs only when SCALING_NETWORK_TESTS=1, and otherwise shows up as skipped with the reason.</summary>
internal sealed class NetworkFactAttribute : FactAttribute
{
    public NetworkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SCALING_NETWORK_TESTS") != "1")
            Skip = "Needs the npm registry: set SCALING_NETWORK_TESTS=1 to run the real fetch.";
    }
}
