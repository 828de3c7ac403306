using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Notebooks.Jupyter;

/// <summary>
/// The kernelspec Jupyter finds this kernel by (jupyter-client docs, "Kernel specs"): a folder named
/// <see cref="Name"/> holding kernel.json, which starts <c>scaling kernel</c> from this build.
/// </summary>
/// <remarks>
/// The name is not .NET Interactive's <c>.net-csharp</c>: both kernels can be installed side by side, and a notebook
/// whose metadata names <see cref="Name"/> opens with this kernel in Jupyter and VS Code's Jupyter extension without
/// a choice. It does not start with <c>.net-</c> either, the prefix by which VS Code's Polyglot extension claims a
/// notebook as its own; Polyglot still opens the notebooks when chosen, through their <c>polyglot_notebook</c>
/// metadata and per-cell language metadata, which the notebooks keep.
/// </remarks>
public static class KernelSpec
{
    /// <summary>The kernelspec name (notebook metadata.kernelspec.name).</summary>
    public const string Name = "scaling-csharp";

    /// <summary>What Jupyter shows in its kernel lists.</summary>
    public const string DisplayName = "C# (ScalingNotebooks)";

    /// <summary>The kernelspec language.</summary>
    public const string Language = "C#";

    /// <summary>The notebook-level kernelspec metadata of a notebook for this kernel.</summary>
    public static JsonObject NotebookMetadata() => new() { ["display_name"] = DisplayName, ["language"] = Language, ["name"] = Name };

    /// <summary>kernel.json for a kernel started as <paramref name="command"/> followed by <c>kernel --connection-file {connection_file}</c>.</summary>
    public static JsonObject KernelJson(IReadOnlyList<string> command) => new()
    {
        ["argv"] = new JsonArray(command.Concat(["kernel", "--connection-file", "{connection_file}"]).Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        ["display_name"] = DisplayName,
        ["language"] = Language,
        ["interrupt_mode"] = "message",
        ["env"] = new JsonObject { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>
    /// The folder Jupyter reads kernelspecs from: <c>DIR/share/jupyter/kernels</c> for a prefix (a virtual environment,
    /// a test's JUPYTER_PATH), else the user's data folder (<c>$JUPYTER_DATA_DIR</c> or <c>~/.local/share/jupyter</c>).
    /// </summary>
    public static string KernelsFolder(string? prefix)
    {
        if (prefix is not null) return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");
        string data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "jupyter");
        return Path.Combine(data, "kernels");
    }

    /// <summary>Writes the kernelspec under <paramref name="kernelsFolder"/>; returns the kernel.json path.</summary>
    public static string Install(string kernelsFolder, IReadOnlyList<string> command)
    {
        string folder = Path.Combine(kernelsFolder, Name);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "kernel.json");
        ScalingLaws.IO.AtomicFile.WriteAllText(path, KernelJson(command).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>
    /// How to start this build's <c>scaling</c>: <c>dotnet /path/scaling.dll</c> when running under the dotnet host,
    /// else the apphost itself, with absolute paths so the kernel starts from any notebook folder.
    /// </summary>
    public static IReadOnlyList<string> CurrentCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string entry = System.Reflection.Assembly.GetEntryAssembly()?.Location ?? "";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && entry.Length > 0 ? [process, entry] : [process];
    }
}
