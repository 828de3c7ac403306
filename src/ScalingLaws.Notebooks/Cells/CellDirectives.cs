using System.Text;
using System.Text.RegularExpressions;

namespace ScalingLaws.Notebooks.Cells;

/// <summary>A <c>#r "nuget: Name, Version"</c> line.</summary>
/// <param name="Name">Package id.</param>
/// <param name="Version">Requested version or range; null when the line gives none.</param>
/// <param name="Line">1-based line in the cell.</param>
public sealed record PackageDirective(string Name, string? Version, int Line);

/// <summary>A <c>#r "path/to/assembly.dll"</c> line.</summary>
/// <param name="Path">The path as written (relative paths are relative to the notebook's folder).</param>
/// <param name="Line">1-based line in the cell.</param>
public sealed record AssemblyDirective(string Path, int Line);

/// <summary>
/// What a code cell asks for besides C#: its language (metadata or a <c>#!lang</c> magic line), package and
/// assembly references, package sources (<c>#i</c>), and the C# code left over, with every directive line
/// blanked so that line numbers in errors match the cell as the user sees it.
/// </summary>
public sealed partial record CellDirectives(
    string Language,
    string Code,
    IReadOnlyList<PackageDirective> Packages,
    IReadOnlyList<AssemblyDirective> Assemblies,
    IReadOnlyList<string> PackageSources,
    IReadOnlyList<string> IgnoredMagics)
{
    /// <summary>Magic commands that only change how .NET Interactive shows a cell; the runner times every cell anyway.</summary>
    private static readonly string[] HarmlessMagics = ["#!time"];

    /// <summary>Language names .NET Interactive accepts for C# (metadata, kernel names and magic lines).</summary>
    public static bool IsCSharp(string language) =>
        language.Equals("csharp", StringComparison.OrdinalIgnoreCase) || language.Equals("c#", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a code cell's source; <paramref name="metadataLanguage"/> is the language its metadata names.</summary>
    /// <exception cref="NotebookInputException">A magic command the runner does not implement, or a malformed #r line.</exception>
    public static CellDirectives Parse(string source, string metadataLanguage)
    {
        string language = metadataLanguage;
        var packages = new List<PackageDirective>();
        var assemblies = new List<AssemblyDirective>();
        var sources = new List<string>();
        var ignored = new List<string>();
        var code = new StringBuilder();
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            int lineNumber = i + 1;
            bool directive = true;
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                string magic = trimmed.Split(' ', 2)[0];
                string name = magic[2..];
                if (IsCSharp(name)) language = "csharp";
                else if (HarmlessMagics.Contains(magic)) ignored.Add(magic);
                else if (KnownLanguages.Contains(name, StringComparer.OrdinalIgnoreCase)) language = name.ToLowerInvariant();
                else
                    throw new NotebookInputException(
                        $"line {lineNumber}: the magic command '{magic}' is not supported by `scaling notebook run` (it runs C# cells; " +
                        "supported: #!csharp, #!time, and language magics, whose non-C# cells are skipped). Remove the line or move its work into C#.", lineNumber);
            }
            else if (RDirective().Match(trimmed) is { Success: true } r)
            {
                string target = r.Groups["target"].Value;
                if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    string[] parts = target["nuget:".Length..].Split(',', 2, StringSplitOptions.TrimEntries);
                    if (parts[0].Length == 0)
                        throw new NotebookInputException($"line {lineNumber}: '{trimmed}' names no package; write #r \"nuget: Name, Version\".", lineNumber);
                    packages.Add(new PackageDirective(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, lineNumber));
                }
                else assemblies.Add(new AssemblyDirective(target, lineNumber));
            }
            else if (IDirective().Match(trimmed) is { Success: true } src) sources.Add(src.Groups["target"].Value);
            else directive = false;
            code.Append(directive ? "" : line);
            if (i < lines.Length - 1) code.Append('\n');
        }
        return new CellDirectives(language, code.ToString(), packages, assemblies, sources, ignored);
    }

    private static readonly string[] KnownLanguages =
        ["fsharp", "f#", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md", "sql", "kql", "mermaid", "value", "http", "python", "r"];

    [GeneratedRegex("^#r\\s+\"(?<target>[^\"]+)\"\\s*$")]
    private static partial Regex RDirective();

    [GeneratedRegex("^#i\\s+\"(?<target>[^\"]+)\"\\s*$")]
    private static partial Regex IDirective();
}
