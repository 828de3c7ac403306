using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Jupyter;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Tests;

/// <summary>
/// The repository's notebooks/ name this project's kernel, stay notebooks that VS Code Polyglot Notebooks opens as
/// they are, have what the headless runner needs (a parameters cell declaring preset), and nothing runner-only.
/// </summary>
public class RepositoryNotebooksTests
{
    public static TheoryData<string> Notebooks()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScalingNotebooks.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(dir.FullName, "notebooks"), "*.ipynb").Order()) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_names_this_kernel_keeps_polyglot_metadata_has_a_preset_parameter_and_no_runner_only_content(string path)
    {
        string json = File.ReadAllText(path);
        Assert.Empty(NbformatValidator.Validate(json));
        var root = JsonNode.Parse(json)!;
        // This project's kernel, so Jupyter and VS Code's Jupyter extension open the notebook with it without asking
        // (not .NET Interactive's .net-csharp, nor a .net- name that Polyglot would claim; see KernelSpec).
        var kernelspec = root["metadata"]!["kernelspec"]!;
        Assert.Equal(KernelSpec.Name, kernelspec["name"]!.GetValue<string>());
        Assert.Equal(KernelSpec.DisplayName, kernelspec["display_name"]!.GetValue<string>());
        Assert.Equal(KernelSpec.Language, kernelspec["language"]!.GetValue<string>());
        Assert.Equal("C#", root["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        // What VS Code's Polyglot extension reads to open it as a C# notebook when chosen.
        Assert.Equal("csharp", root["metadata"]!["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>());
        Assert.Null(root["metadata"]!["scaling_runner"]);

        var doc = NotebookJson.Parse(json);
        foreach (var cell in doc.Cells.Where(c => c.IsCode))
        {
            Assert.Equal("csharp", cell.Metadata["dotnet_interactive"]?["language"]?.GetValue<string>());
            Assert.Equal("csharp", cell.Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>());
            Assert.DoesNotContain(NotebookParameters.InjectedTag, cell.Tags);
        }
        int parameters = NotebookParameters.FindParametersCell(doc);
        Assert.True(parameters >= 0, $"{Path.GetFileName(path)} needs a code cell tagged \"parameters\".");
        Assert.Contains(NotebookParameters.ParseDeclarations(doc.Cells[parameters].Source), d => d.Name == "preset" && d.Type == "string");
    }
}
