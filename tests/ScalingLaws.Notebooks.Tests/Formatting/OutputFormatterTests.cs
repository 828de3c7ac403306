using Microsoft.Data.Analysis;
using ScalingLaws.Notebooks.Formatting;

namespace ScalingLaws.Notebooks.Tests.Formatting;

public class OutputFormatterTests
{
    public sealed record Run(string Model, long NonEmbeddingParams);

    [Fact]
    public void Ordinary_values_get_text_plain_and_text_html_from_dotnet_interactive_formatting()
    {
        var numbers = OutputFormatter.Format(new[] { 1, 2, 3 });
        Assert.Equal("[ 1, 2, 3 ]", numbers["text/plain"]);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>[ 1, 2, 3 ]</pre></div>", numbers["text/html"]);

        var run = OutputFormatter.Format(new Run("gpt-tiny", 12_000));
        Assert.Contains("<table", run["text/html"]);
        Assert.Contains("gpt-tiny", run["text/html"]);
        Assert.Contains("12000", run["text/plain"]);
    }

    [Fact]
    public void A_string_is_plain_text_only() =>
        Assert.Equal(["text/plain"], OutputFormatter.Format("hello").Keys);

    [Fact]
    public void Mime_types_can_be_restricted_as_display_allows()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("x", new[] { 1.5 }));
        Assert.Equal(["text/plain"], OutputFormatter.Format(frame, ["text/plain"]).Keys);
    }

    [Fact]
    public void A_large_dataframe_shows_its_first_rows_and_its_size()
    {
        var frame = new DataFrame(new Int32DataFrameColumn("i", Enumerable.Range(0, 120)));
        string html = OutputFormatter.Format(frame)["text/html"];
        Assert.Equal(DataFrameHtml.MaxRows, html.Split("<tr><td>").Length - 1);
        Assert.Contains("120 rows × 1 columns (first 50 shown)", html);
    }

    public sealed record Registered(int Value);

    public sealed record PlainOnly(string Note);

    [Fact]
    public void A_formatter_registered_with_the_dotnet_interactive_api_wins_and_preferred_mime_types_are_honoured()
    {
        Microsoft.DotNet.Interactive.Formatting.Formatter.Register<Registered>((r, writer) => writer.Write($"<i>{r.Value}</i>"), "text/html");
        Microsoft.DotNet.Interactive.Formatting.Formatter.SetPreferredMimeTypesFor(typeof(PlainOnly), "text/plain");

        Assert.Equal("<i>7</i>", OutputFormatter.Format(new Registered(7))["text/html"]);
        Assert.Equal(["text/plain"], OutputFormatter.Format(new PlainOnly("x")).Keys);
    }
}
