using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Tests.Model;

public class NotebookJsonTests
{
    [Fact]
    public void Round_trip_keeps_cells_sources_metadata_and_outputs()
    {
        var doc = NotebookJson.ReadFile(Fixtures.Path("shared-state.ipynb"));
        doc.Cells[1].Outputs.Add(CellOutput.Stream("stdout", "a\nb\n"));
        doc.Cells[1].Outputs.Add(CellOutput.Result(new Dictionary<string, string> { ["text/plain"] = "42" }, 1));
        doc.Cells[1].ExecutionCount = 1;

        var again = NotebookJson.Parse(NotebookJson.Serialize(doc));

        Assert.Equal(doc.Cells.Count, again.Cells.Count);
        Assert.Equal(doc.Cells.Select(c => c.Source), again.Cells.Select(c => c.Source));
        Assert.Equal(doc.Cells.Select(c => c.Id), again.Cells.Select(c => c.Id));
        Assert.Equal(".net-csharp", again.KernelName);
        Assert.Equal("a\nb\n", again.Cells[1].Outputs[0].Text);
        Assert.Equal("42", again.Cells[1].Outputs[1].Data["text/plain"]);
        Assert.Equal(1, again.Cells[1].ExecutionCount);
        Assert.Empty(NbformatValidator.Validate(NotebookJson.Serialize(again)));
    }

    [Fact]
    public void Source_is_written_as_a_list_of_lines_like_jupyter()
    {
        var doc = new NotebookDocument();
        doc.Cells.Add(new NotebookCell { CellType = "markdown", Id = "a", Source = "one\ntwo" });
        var source = JsonNode.Parse(NotebookJson.Serialize(doc))!["cells"]![0]!["source"]!.AsArray();
        Assert.Equal(["one\n", "two"], source.Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public void Text_that_is_not_json_is_rejected_naming_the_file()
    {
        var e = Assert.Throws<NotebookInputException>(() => NotebookJson.ReadFile(Fixtures.Path("not-a-notebook.ipynb")));
        Assert.Contains("not-a-notebook.ipynb", e.Message);
        Assert.Contains("not JSON", e.Message);
    }

    [Theory]
    [InlineData("{\"cells\": [], \"metadata\": {}, \"nbformat\": 3, \"nbformat_minor\": 0}", "expected 4")]
    [InlineData("{\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "no \"cells\"")]
    [InlineData("[1, 2]", "top level")]
    public void Json_that_is_not_nbformat_4_is_rejected_with_the_reason(string json, string reason)
    {
        var e = Assert.Throws<NotebookInputException>(() => NotebookJson.Parse(json));
        Assert.Contains(reason, e.Message);
    }
}
