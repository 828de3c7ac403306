using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Tests.Cells;

public class NotebookParametersTests
{
    private const string Declarations = "var preset = \"smoke\";\nint steps = 100;\ndouble lr = 1e-3;\nbool verbose = false;\nvar seed = 7;\nvar scale = 0.5;\nvar big = 10L;\n// var notAParameter = 1;";

    [Fact]
    public void Declared_types_are_read_from_the_declaration_or_the_literal()
    {
        var declared = NotebookParameters.ParseDeclarations(Declarations);
        Assert.Equal(
            [("preset", "string"), ("steps", "int"), ("lr", "double"), ("verbose", "bool"), ("seed", "int"), ("scale", "double"), ("big", "long")],
            declared.Select(d => (d.Name, d.Type)));
    }

    [Fact]
    public void Overrides_become_a_typed_assignment_cell_right_after_the_parameters_cell()
    {
        var doc = Notebook();
        var injected = NotebookParameters.Inject(doc, new Dictionary<string, string>
        {
            ["preset"] = "quick \"v2\"",
            ["steps"] = "250",
            ["lr"] = "0.01",
            ["verbose"] = "True",
            ["big"] = "12",
        }, "test.ipynb");

        Assert.Equal(doc.Cells.Count + 1, injected.Cells.Count);
        var cell = injected.Cells[2];
        Assert.Contains(NotebookParameters.InjectedTag, cell.Tags);
        Assert.Contains("preset = \"quick \\\"v2\\\"\";", cell.Source);
        Assert.Contains("steps = 250;", cell.Source);
        Assert.Contains("lr = 0.01d;", cell.Source);
        Assert.Contains("verbose = true;", cell.Source);
        Assert.Contains("big = 12L;", cell.Source);
        Assert.Same(doc.Cells[2], injected.Cells[3]);
    }

    [Fact]
    public void An_undeclared_parameter_is_an_error_listing_what_is_declared()
    {
        var e = Assert.Throws<NotebookInputException>(() =>
            NotebookParameters.Inject(Notebook(), new Dictionary<string, string> { ["presett"] = "smoke" }, "test.ipynb"));
        Assert.Contains("presett", e.Message);
        Assert.Contains("test.ipynb", e.Message);
        Assert.Contains("string preset", e.Message);
    }

    [Theory]
    [InlineData("steps", "many", "not a valid int")]
    [InlineData("lr", "1,5", "not a valid double")]
    [InlineData("verbose", "yes", "use true or false")]
    public void A_value_of_the_wrong_type_is_an_error(string name, string value, string expected)
    {
        var e = Assert.Throws<NotebookInputException>(() =>
            NotebookParameters.Inject(Notebook(), new Dictionary<string, string> { [name] = value }, "test.ipynb"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_notebook_without_a_parameters_cell_rejects_overrides()
    {
        var doc = new NotebookDocument();
        doc.Cells.Add(new NotebookCell { CellType = "code", Source = "int steps = 1;" });
        var e = Assert.Throws<NotebookInputException>(() =>
            NotebookParameters.Inject(doc, new Dictionary<string, string> { ["steps"] = "2" }, "plain.ipynb"));
        Assert.Contains("no cell tagged \"parameters\"", e.Message);
    }

    private static NotebookDocument Notebook()
    {
        var doc = new NotebookDocument();
        doc.Cells.Add(new NotebookCell { CellType = "markdown", Source = "# T" });
        var metadata = NotebookCell.CSharpCellMetadata();
        metadata["tags"] = new System.Text.Json.Nodes.JsonArray("parameters");
        doc.Cells.Add(new NotebookCell { CellType = "code", Source = Declarations, Metadata = metadata });
        doc.Cells.Add(new NotebookCell { CellType = "code", Source = "Console.WriteLine(preset);" });
        return doc;
    }
}
