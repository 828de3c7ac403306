using Microsoft.Data.Analysis;
using ScalingLaws.Fitting;
using ScalingLaws.Plotting;

namespace ScalingLaws.Experiments.Mathematics;

/// <summary>
/// One module's exact-match accuracy for the smallest and the largest model on one test set, with Wilson 95% intervals:
/// the module "rises" when the largest model's interval lies wholly above the smallest's.
/// </summary>
public sealed record ModuleAccuracy
{
    /// <summary>interpolate or extrapolate.</summary>
    public required string TestSet { get; init; }

    /// <summary>The module.</summary>
    public required string Module { get; init; }

    /// <summary>Questions the smallest model got right, of how many.</summary>
    public required (int Right, int Total) Smallest { get; init; }

    /// <summary>Questions the largest model got right, of how many.</summary>
    public required (int Right, int Total) Largest { get; init; }

    /// <summary>The smallest model's interval.</summary>
    public ConfidenceInterval SmallestInterval => WilsonInterval.Of(Smallest.Right, Smallest.Total);

    /// <summary>The largest model's interval.</summary>
    public ConfidenceInterval LargestInterval => WilsonInterval.Of(Largest.Right, Largest.Total);

    /// <summary>Whether accuracy rose by more than the intervals.</summary>
    public bool Rises => LargestInterval.Lower > SmallestInterval.Upper;

    /// <summary>The table of several modules.</summary>
    public static DataFrame Table(IEnumerable<ModuleAccuracy> rows) => Tables.From(rows,
        new Column<ModuleAccuracy>("module", r => r.Module),
        new Column<ModuleAccuracy>("test set", r => r.TestSet),
        new Column<ModuleAccuracy>("questions", r => r.Largest.Total),
        new Column<ModuleAccuracy>("smallest model", r => $"{(double)r.Smallest.Right / r.Smallest.Total:P1} [{r.SmallestInterval.Lower:P1}, {r.SmallestInterval.Upper:P1}]"),
        new Column<ModuleAccuracy>("largest model", r => $"{(double)r.Largest.Right / r.Largest.Total:P1} [{r.LargestInterval.Lower:P1}, {r.LargestInterval.Upper:P1}]"),
        new Column<ModuleAccuracy>("rises beyond the intervals", r => r.Rises));
}
