using ScalingLaws.Notebooks.Cells;

namespace ScalingLaws.Notebooks.Tests.Cells;

public class CellDirectivesTests
{
    [Fact]
    public void References_and_sources_are_parsed_and_their_lines_blanked_so_line_numbers_hold()
    {
        string source = "#!csharp\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget:MathNet.Numerics\"\n#r \"../lib/My.dll\"\n#i \"nuget: https://example.org/feed\"\nvar x = 1;";
        var d = CellDirectives.Parse(source, "csharp");

        Assert.Equal("csharp", d.Language);
        Assert.Equal([new PackageDirective("Plotly.NET", "6.0.0", 2), new PackageDirective("MathNet.Numerics", null, 3)], d.Packages);
        Assert.Equal([new AssemblyDirective("../lib/My.dll", 4)], d.Assemblies);
        Assert.Equal(["nuget: https://example.org/feed"], d.PackageSources);
        Assert.Equal("var x = 1;", d.Code.Split('\n')[5]);
        Assert.Equal(6, d.Code.Split('\n').Length);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "csharp", "fsharp")]
    [InlineData("var x = 1;", "fsharp", "fsharp")]
    [InlineData("#!c#\nvar x = 1;", "pwsh", "csharp")]
    public void The_language_comes_from_a_magic_line_or_else_the_metadata(string source, string metadata, string expected) =>
        Assert.Equal(expected, CellDirectives.Parse(source, metadata).Language);

    [Fact]
    public void An_unsupported_magic_is_an_error_naming_it_and_its_line()
    {
        var e = Assert.Throws<NotebookInputException>(() => CellDirectives.Parse("var x = 1;\n#!share --from fsharp x", "csharp"));
        Assert.Contains("#!share", e.Message);
        Assert.Equal(2, e.Line);
    }
}
