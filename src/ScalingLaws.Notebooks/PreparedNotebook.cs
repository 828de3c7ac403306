using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks;

/// <summary>
/// A notebook checked and ready to run: read, confirmed to be a C# notebook (this kernel's or .NET Interactive's), with parameter
/// overrides validated and injected. Preparing every notebook before running any means bad input fails fast
/// and writes nothing.
/// </summary>
public sealed class PreparedNotebook
{
    /// <summary>The kernelspec name of .NET Interactive / Polyglot Notebooks C# notebooks.</summary>
    public const string DotNetInteractiveKernelName = ".net-csharp";

    /// <summary>Kernelspec names of the C# notebooks the engine runs: this project's kernel's and .NET Interactive's.</summary>
    public static readonly IReadOnlyList<string> CSharpKernelNames = [Jupyter.KernelSpec.Name, DotNetInteractiveKernelName];

    private PreparedNotebook(string path, NotebookDocument document, IReadOnlyList<int?> cellNumbers, IReadOnlyDictionary<string, string> parameters)
    {
        Path = path;
        Document = document;
        CellNumbers = cellNumbers;
        Parameters = parameters;
    }

    /// <summary>Full path of the notebook file.</summary>
    public string Path { get; }

    /// <summary>File name without extension; names the outputs (NAME.ipynb, NAME.html, NAME.summary.json).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The notebook to execute (outputs cleared, the injected parameters cell in place).</summary>
    public NotebookDocument Document { get; }

    /// <summary>For each cell of <see cref="Document"/>, its 1-based number in the file; null for the injected cell.</summary>
    public IReadOnlyList<int?> CellNumbers { get; }

    /// <summary>The --param overrides applied.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Reads and checks <paramref name="path"/>; throws <see cref="NotebookInputException"/> naming the file and the fix.</summary>
    public static PreparedNotebook Load(string path, IReadOnlyDictionary<string, string> parameters)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        var document = NotebookJson.ReadFile(fullPath);
        string? kernel = document.KernelName;
        if (kernel is null || !CSharpKernelNames.Contains(kernel))
            throw new NotebookInputException(
                $"{path} is a notebook for the kernel '{kernel ?? "(no kernelspec)"}'; `scaling notebook run` runs C# notebooks " +
                $"(metadata.kernelspec.name \"{Jupyter.KernelSpec.Name}\" or .NET Interactive's \"{DotNetInteractiveKernelName}\"). Run it with its own kernel.");
        foreach (var cell in document.Cells.Where(c => c.IsCode))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        var injected = NotebookParameters.Inject(document, parameters, System.IO.Path.GetFileName(path));
        var numbers = new List<int?>();
        int number = 0;
        foreach (var cell in injected.Cells)
            numbers.Add(document.Cells.Contains(cell) ? ++number : null);
        return new PreparedNotebook(fullPath, injected, numbers, parameters);
    }
}
