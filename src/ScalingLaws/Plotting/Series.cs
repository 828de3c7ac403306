namespace ScalingLaws.Plotting;

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Markers only: measured points (runs).</summary>
    Points,
    /// <summary>A line only: a fitted law or a learning curve.</summary>
    Line,
    /// <summary>Markers joined by a line.</summary>
    PointsAndLine,
    /// <summary>A dashed line: a forecast beyond the data, or a reference law from a paper.</summary>
    DashedLine,
}

/// <summary>One named series of (x, y) values for a chart.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, SeriesStyle Style = SeriesStyle.Points)
{
    /// <summary>Samples a function (a fitted law) at <paramref name="count"/> points spaced evenly in log x.</summary>
    public static Series Curve(string name, Func<double, double> f, double xMin, double xMax, int count = 100, SeriesStyle style = SeriesStyle.Line)
    {
        if (!(xMin > 0 && xMax > xMin))
            throw new ArgumentException($"A curve needs 0 < xMin < xMax; got xMin={xMin}, xMax={xMax}.");
        var x = Enumerable.Range(0, count).Select(i => Math.Exp(Math.Log(xMin) + (Math.Log(xMax) - Math.Log(xMin)) * i / (count - 1))).ToArray();
        return new Series(name, x, x.Select(f).ToArray(), style);
    }
}
