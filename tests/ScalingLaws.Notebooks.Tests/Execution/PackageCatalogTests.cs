using ScalingLaws.Notebooks.Cells;
using ScalingLaws.Notebooks.Execution;

namespace ScalingLaws.Notebooks.Tests.Execution;

public class PackageCatalogTests
{
    [Theory]
    [InlineData(null, "6.0.0", true)]
    [InlineData("6.0.0", "6.0.0", true)]
    [InlineData("5.1.0", "6.0.0", false)]
    [InlineData("6.0.1", "6.0.0", false)]
    [InlineData("0.23.0", "0.23.1", true)]
    [InlineData("[6.0.0, 7.0.0)", "6.0.0", true)]
    [InlineData("[6.1.0, 7.0.0)", "6.0.0", false)]
    [InlineData("6.0.*", "6.0.0", true)]
    [InlineData("1.0.0-beta.23562.1", "1.0.0-beta.23562.1", true)]
    [InlineData("0.106.0", "0.107.0", true)]
    public void Requested_versions_are_matched_like_nuget_minimums(string? requested, string available, bool compatible) =>
        Assert.Equal(compatible, PackageCatalog.IsCompatible(requested, available));

    [Fact]
    public void A_meta_package_resolves_to_its_dependencies_assemblies()
    {
        var assemblies = PackageCatalog.ForCurrentProcess().Resolve(new PackageDirective("TorchSharp-cpu", "0.107.0", 1));
        Assert.Contains(assemblies, a => a.GetName().Name == "TorchSharp");
    }

    [Fact]
    public void A_package_the_runner_lacks_is_an_error_naming_it_and_listing_what_is_available()
    {
        var e = Assert.Throws<NotebookInputException>(() =>
            PackageCatalog.ForCurrentProcess().Resolve(new PackageDirective("Humanizer.Core", "2.14.1", 3)));
        Assert.Contains("Humanizer.Core", e.Message);
        Assert.Contains("Plotly.NET 6.0.0", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void An_incompatible_version_is_an_error_naming_the_version_available()
    {
        var e = Assert.Throws<NotebookInputException>(() =>
            PackageCatalog.ForCurrentProcess().Resolve(new PackageDirective("Plotly.NET", "4.2.0", 1)));
        Assert.Contains("Plotly.NET 6.0.0", e.Message);
    }
}
