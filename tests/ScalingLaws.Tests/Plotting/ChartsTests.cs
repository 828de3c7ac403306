using System.Text.Json.Nodes;
using Plotly.NET;
using ScalingLaws.Plotting;

namespace ScalingLaws.Tests.Plotting;

public class ChartsTests
{
    private static JsonObject Json(GenericChart chart) => (JsonObject)JsonNode.Parse(GenericChart.toFigureJson(chart))!;

    [Fact]
    public void LogLog_draws_each_series_as_a_trace_on_log_axes_with_the_title()
    {
        var points = new Series("runs", [1e3, 1e4, 1e5], [5.0, 4.0, 3.2]);
        var fit = Series.Curve("fit", x => Math.Pow(1e8 / x, 0.1), 1e3, 1e5, count: 20);
        var json = Json(Charts.LogLog("L(N)", "N", "loss", points, fit));

        var data = json["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.Equal("markers", data[0]!["mode"]!.GetValue<string>());
        Assert.Equal("lines", data[1]!["mode"]!.GetValue<string>());
        Assert.Equal(20, data[1]!["x"]!.AsArray().Count);
        Assert.Equal("log", json["layout"]!["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("log", json["layout"]!["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("L(N)", json["layout"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Curve_is_spaced_evenly_in_log_x_and_hits_both_ends()
    {
        var curve = Series.Curve("c", x => x, 10, 1000, count: 3);
        Assert.Equal(10, curve.X[0], 9);
        Assert.Equal(100, curve.X[1], 9);
        Assert.Equal(1000, curve.X[2], 9);
        Assert.Throws<ArgumentException>(() => Series.Curve("bad", x => x, 0, 10));
    }

    [Fact]
    public void Mismatched_series_lengths_are_rejected_with_the_series_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.Linear("t", "x", "y", new Series("broken", [1.0, 2.0], [1.0])));
        Assert.Contains("broken", error.Message);
    }
}
