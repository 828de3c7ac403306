using System.Reflection;
using System.Text.Json;
using ScalingLaws.Notebooks.Cells;

namespace ScalingLaws.Notebooks.Execution;

/// <summary>
/// Satisfies <c>#r "nuget: Name, Version"</c> from the packages this process was built with (its deps.json
/// dependency closure), since the runner cannot download packages while a notebook runs. A package resolves
/// to the runtime assemblies of itself and its dependencies (TorchSharp-cpu is a meta-package whose code lives
/// in TorchSharp).
/// </summary>
public sealed class PackageCatalog
{
    private readonly Dictionary<string, (string Version, string[] Assemblies, string[] Dependencies)> _packages =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Package ids and versions available, for error messages.</summary>
    public IEnumerable<string> Available => _packages.Select(p => $"{p.Key} {p.Value.Version}").Order();

    /// <summary>The catalog of the running process: every deps.json of the host app and of the runner's folder.</summary>
    public static PackageCatalog ForCurrentProcess()
    {
        var files = new List<string>();
        if (AppContext.GetData("APP_CONTEXT_DEPS_FILES") is string deps)
            files.AddRange(deps.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        string? folder = Path.GetDirectoryName(typeof(PackageCatalog).Assembly.Location);
        if (folder is not null) files.AddRange(Directory.GetFiles(folder, "*.deps.json"));
        var catalog = new PackageCatalog();
        foreach (var file in files.Distinct().Where(File.Exists)) catalog.AddDepsFile(file);
        return catalog;
    }

    /// <summary>Adds the libraries of one deps.json file (the runtime target's entries).</summary>
    public void AddDepsFile(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty("targets", out var targets)) return;
        foreach (var target in targets.EnumerateObject())
            foreach (var library in target.Value.EnumerateObject())
            {
                string[] idVersion = library.Name.Split('/', 2);
                if (idVersion.Length != 2 || _packages.ContainsKey(idVersion[0])) continue;
                var assemblies = library.Value.TryGetProperty("runtime", out var runtime)
                    ? runtime.EnumerateObject().Select(r => Path.GetFileNameWithoutExtension(r.Name)).ToArray()
                    : [];
                var dependencies = library.Value.TryGetProperty("dependencies", out var deps)
                    ? deps.EnumerateObject().Select(d => d.Name).ToArray()
                    : [];
                _packages[idVersion[0]] = (idVersion[1], assemblies, dependencies);
            }
    }

    /// <summary>
    /// Loads the assemblies that <paramref name="package"/> and its dependencies contribute; throws
    /// <see cref="NotebookInputException"/> naming the package and what is available when it is missing or its
    /// version is incompatible (a different major version, or older than requested).
    /// </summary>
    public IReadOnlyList<Assembly> Resolve(PackageDirective package)
    {
        if (!_packages.TryGetValue(package.Name, out var found))
            throw new NotebookInputException(
                $"#r \"nuget: {package.Name}{(package.Version is null ? "" : ", " + package.Version)}\" (line {package.Line}): the runner cannot " +
                $"download packages and {package.Name} is not among the packages it was built with. " +
                "Fix: use one of the available packages, or add a PackageReference to src/ScalingLaws and rebuild.\n" +
                $"Available: {string.Join(", ", Available)}", package.Line);
        if (!IsCompatible(package.Version, found.Version))
            throw new NotebookInputException(
                $"#r \"nuget: {package.Name}, {package.Version}\" (line {package.Line}): the runner has {package.Name} {found.Version}, " +
                $"which is not compatible with {package.Version}. Fix: ask for {package.Name}, {found.Version} in the notebook.", package.Line);
        var assemblies = new List<Assembly>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(package.Name, seen, assemblies);
        return assemblies;
    }

    private void Collect(string id, HashSet<string> seen, List<Assembly> into)
    {
        if (!seen.Add(id) || !_packages.TryGetValue(id, out var package)) return;
        foreach (var name in package.Assemblies)
        {
            try
            {
                into.Add(Assembly.Load(new AssemblyName(name)));
            }
            catch (FileNotFoundException)
            {
                // Listed for another runtime (e.g. a netstandard facade this host does not load): not needed here.
            }
        }
        foreach (var dependency in package.Dependencies) Collect(dependency, seen, into);
    }

    /// <summary>
    /// NuGet-style compatibility for a notebook's request: no version or the same version always match; a bare
    /// version means "this or newer" (NuGet's minimum-version rule) within the same major version; a range
    /// [a, b] is checked as written; prerelease labels are compared by their numeric part only.
    /// </summary>
    internal static bool IsCompatible(string? requested, string available)
    {
        if (requested is null || requested == "*" || requested.Equals(available, StringComparison.OrdinalIgnoreCase)) return true;
        if (!Version.TryParse(NumericPart(available), out var have)) return false;
        string r = requested.Trim();
        if (r.StartsWith('[') || r.StartsWith('('))
        {
            string[] bounds = r[1..^1].Split(',', StringSplitOptions.TrimEntries);
            bool lowerOk = bounds[0].Length == 0 || (Version.TryParse(NumericPart(bounds[0]), out var lo) && (r[0] == '[' ? have >= lo : have > lo));
            string upper = bounds.Length > 1 ? bounds[1] : bounds[0];
            bool upperOk = upper.Length == 0 || (Version.TryParse(NumericPart(upper), out var hi) && (r[^1] == ']' ? have <= hi : have < hi));
            return lowerOk && upperOk;
        }
        if (r.EndsWith(".*", StringComparison.Ordinal)) return available.StartsWith(r[..^1], StringComparison.OrdinalIgnoreCase);
        return Version.TryParse(NumericPart(r), out var want) && have.Major == want.Major && have >= want;
    }

    private static string NumericPart(string version)
    {
        string core = version.Split('-', '+')[0];
        return core.Count(c => c == '.') == 0 ? core + ".0" : core;
    }
}
