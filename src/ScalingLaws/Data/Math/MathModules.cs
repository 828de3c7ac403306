namespace ScalingLaws.Data.Mathematics;

/// <summary>Every module the generator has, in the original's order (area, then module, alphabetical).</summary>
public static class MathModules
{
    /// <summary>All modules.</summary>
    public static IReadOnlyList<MathModule> All { get; } =
        [.. AlgebraModules.All, .. ArithmeticModules.All, .. ComparisonModules.All, .. NumbersModules.All, .. PolynomialsModules.All];

    /// <summary>The module called <paramref name="name"/>; throws naming the modules there are.</summary>
    public static MathModule Named(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"dataset: modules: unknown module '{name}'; the modules are {string.Join(", ", All.Select(m => m.Name))}.");
}
