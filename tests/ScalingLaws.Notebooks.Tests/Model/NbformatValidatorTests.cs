using System.Text.Json.Nodes;
using ScalingLaws.Notebooks.Model;

namespace ScalingLaws.Notebooks.Tests.Model;

public class NbformatValidatorTests
{
    private const string Valid = """
        {"cells": [
          {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "# Title"},
          {"cell_type": "code", "id": "c1", "metadata": {}, "source": ["x\n", "y"], "execution_count": 1, "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["hi\n"]},
            {"output_type": "display_data", "data": {"text/html": ["<b>x</b>"], "text/plain": "x"}, "metadata": {}},
            {"output_type": "execute_result", "data": {"text/plain": "1"}, "metadata": {}, "execution_count": 1},
            {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t"]}
          ]}
        ], "metadata": {"kernelspec": {"name": ".net-csharp", "display_name": ".NET (C#)"}}, "nbformat": 4, "nbformat_minor": 5}
        """;

    [Fact]
    public void A_valid_notebook_has_no_problems() => Assert.Empty(NbformatValidator.Validate(Valid));

    [Theory]
    [InlineData("cells/1/outputs", "outputs must be an array")]
    [InlineData("cells/1/execution_count", "missing 'execution_count'")]
    [InlineData("cells/0/id", "needs an id")]
    [InlineData("cells/1/outputs/0/name", "stream name")]
    [InlineData("cells/1/outputs/2/execution_count", "missing 'execution_count'")]
    [InlineData("cells/1/outputs/3/traceback", "missing 'traceback'")]
    [InlineData("nbformat_minor", "nbformat_minor")]
    public void Removing_a_required_field_is_reported(string path, string expected)
    {
        var root = JsonNode.Parse(Valid)!;
        string[] parts = path.Split('/');
        JsonNode parent = root;
        foreach (var part in parts[..^1]) parent = int.TryParse(part, out int i) ? parent[i]! : parent[part]!;
        parent.AsObject().Remove(parts[^1]);
        Assert.Contains(NbformatValidator.Validate(root), p => p.Contains(expected));
    }

    [Fact]
    public void Wrong_types_are_reported()
    {
        var root = JsonNode.Parse(Valid)!;
        root["cells"]![1]!["outputs"]![0]!["output_type"] = "picture";
        root["cells"]![0]!["cell_type"] = "heading";
        root["nbformat"] = 3;
        var problems = NbformatValidator.Validate(root);
        Assert.Contains(problems, p => p.Contains("output_type must be one of"));
        Assert.Contains(problems, p => p.Contains("cell_type must be code, markdown or raw"));
        Assert.Contains(problems, p => p.Contains("nbformat must be the integer 4"));
    }
}
