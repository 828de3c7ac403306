using Microsoft.Data.Analysis;

namespace ScalingLaws.Plotting;

/// <summary>One column of a table: its header and how to read it from a row (double, long, int, bool or string).</summary>
public sealed record Column<T>(string Name, Func<T, object?> Value);

/// <summary>Builds Microsoft.Data.Analysis DataFrames from rows, so notebook cells show typed tables in one call.</summary>
public static class Tables
{
    /// <summary>
    /// A DataFrame with one row per item and the given columns; a column's type follows its first non-null value
    /// (double, long/int, bool, else string), and nulls stay nulls.
    /// </summary>
    public static DataFrame From<T>(IEnumerable<T> rows, params Column<T>[] columns)
    {
        var items = rows.ToArray();
        return new DataFrame(columns.Select(c => Build(c.Name, items.Select(c.Value).ToArray())));
    }

    private static DataFrameColumn Build(string name, object?[] values)
    {
        object? sample = values.FirstOrDefault(v => v is not null);
        return sample switch
        {
            double or float => new DoubleDataFrameColumn(name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture))),
            long or int => new Int64DataFrameColumn(name, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture))),
            bool => new BooleanDataFrameColumn(name, values.Select(v => (bool?)v)),
            _ => new StringDataFrameColumn(name, values.Select(v => v is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : v?.ToString())),
        };
    }
}
