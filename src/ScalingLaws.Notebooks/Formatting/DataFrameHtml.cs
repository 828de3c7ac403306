using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace ScalingLaws.Notebooks.Formatting;

/// <summary>
/// A Microsoft.Data.Analysis DataFrame as an HTML table (the job the package's .NET Interactive extension does
/// in a kernel): a header of column names and types, up to <see cref="MaxRows"/> rows, and the total size.
/// </summary>
public static class DataFrameHtml
{
    /// <summary>Rows shown before the table is cut short.</summary>
    public const int MaxRows = 50;

    /// <summary>The table.</summary>
    public static string Table(DataFrame frame)
    {
        var html = new StringBuilder("<table class=\"scaling-dataframe\">\n<thead><tr><th></th>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(Encode(column.Name)).Append("<br><small>").Append(Encode(column.DataType.Name)).Append("</small></th>");
        html.Append("</tr></thead>\n<tbody>\n");
        long shown = Math.Min(frame.Rows.Count, MaxRows);
        for (long row = 0; row < shown; row++)
        {
            html.Append("<tr><td>").Append(row).Append("</td>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(Encode(Cell(column[row]))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        html.Append("<p class=\"scaling-dataframe-size\">")
            .Append(frame.Rows.Count).Append(" rows × ").Append(frame.Columns.Count).Append(" columns")
            .Append(frame.Rows.Count > shown ? $" (first {shown} shown)" : "").Append("</p>");
        return html.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
