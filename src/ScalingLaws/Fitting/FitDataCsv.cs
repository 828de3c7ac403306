using System.Globalization;
using Microsoft.Data.Analysis;

namespace ScalingLaws.Fitting;

/// <summary>
/// Loads <see cref="FitData"/> from a CSV with a header row, reading the named columns as invariant-culture
/// numbers. The only I/O in the fitting code; every failure names the file, row or column and the fix.
/// </summary>
public static class FitDataCsv
{
    /// <summary>Reads columns <paramref name="xColumn"/>, optionally <paramref name="x2Column"/>, and <paramref name="yColumn"/>.</summary>
    /// <exception cref="FormatException">The file is not a usable CSV or a value is not a number.</exception>
    /// <exception cref="ArgumentException">A column is missing or a value is not positive.</exception>
    public static FitData Load(string path, string xColumn, string yColumn, string? x2Column = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No CSV file at '{path}'. Check the path.", path);
        string header = File.ReadLines(path).FirstOrDefault() ?? "";
        if (string.IsNullOrWhiteSpace(header)) throw new FormatException($"'{path}' is empty; expected a header row of column names, then one row per run.");
        int columnCount = header.Split(',').Length;

        DataFrame frame;
        try
        {
            // Every column as text, so that a column we do not use cannot fail the load, and numbers are parsed
            // below with the invariant culture whatever the machine's locale.
            frame = DataFrame.LoadCsv(path, ',', true, dataTypes: Enumerable.Repeat(typeof(string), columnCount).ToArray(),
                cultureInfo: CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"'{path}' is not a well-formed CSV ({e.Message}); each row needs the header's {columnCount} comma-separated fields.", e);
        }

        var x = ReadColumn(frame, path, xColumn);
        var y = ReadColumn(frame, path, yColumn);
        var x2 = x2Column is null ? null : ReadColumn(frame, path, x2Column);
        return new FitData(x, y, x2, xName: $"column '{xColumn}'", yName: $"column '{yColumn}'", x2Name: $"column '{x2Column}'");
    }

    private static double[] ReadColumn(DataFrame frame, string path, string name)
    {
        var names = frame.Columns.Select(c => c.Name).ToArray();
        if (!names.Contains(name))
            throw new ArgumentException($"'{path}' has no column '{name}'. Its columns are: {string.Join(", ", names)}.");
        var column = frame.Columns[name];
        var values = new double[column.Length];
        for (long row = 0; row < column.Length; row++)
        {
            string? text = column[row] as string;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[row]))
                throw new FormatException($"'{path}' row {row + 2}, column '{name}': '{text}' is not a number. Use plain numbers such as 1.5e9 (a '.' for decimals).");
        }
        return values;
    }
}
