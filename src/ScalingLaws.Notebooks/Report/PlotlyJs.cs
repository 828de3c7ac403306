using Plotly.NET;

namespace ScalingLaws.Notebooks.Report;

/// <summary>The plotly.js that Plotly.NET 6 ships inside its assembly, so reports render with no network.</summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The minified plotly.js source, safe to place inside a &lt;script&gt; element.</summary>
    public static string Script => Source.Value;

    private static string Load()
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} carries no embedded plotly-*.min.js; " +
                "the report cannot embed plotly.js. Use Plotly.NET 6.0.0, which does.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        // "</script" inside a string literal would end the element early; "<\/" means the same thing to JavaScript.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
