using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ScalingLaws.Data;

/// <summary>
/// The kinds of dataset a sweep's <c>"dataset"</c> entry can name. An entry without <c>"kind"</c> is a text corpus (the
/// form notebook 01's sweeps have always used).
/// </summary>
public static class DatasetKinds
{
    private static readonly Dictionary<string, IDatasetKind> Registered = new(StringComparer.Ordinal);

    static DatasetKinds()
    {
        Register(new TextDatasetKind());
        Register(new Images.PhotosDatasetKind());
        Register(new Images.MnistDatasetKind());
        Register(new Images.MixtureDatasetKind());
        Register(new Captions.ScenesDatasetKind());
        Register(new Captions.MnistCaptionsDatasetKind());
        Register(new Captions.CocoCaptionsDatasetKind());
        Register(new Mathematics.MathDatasetKind());
    }

    /// <summary>Every kind, by name.</summary>
    public static IReadOnlyDictionary<string, IDatasetKind> All => Registered;

    /// <summary>Adds a kind (each notebook's data registers its own).</summary>
    public static void Register(IDatasetKind kind) => Registered[kind.Name] = kind;

    /// <summary>The kind an entry names; throws naming the kinds there are.</summary>
    public static IDatasetKind For(JsonObject spec)
    {
        string name = spec["kind"]?.GetValue<string>() ?? TextDatasetKind.KindName;
        return Registered.TryGetValue(name, out var kind) ? kind
            : throw new ArgumentException($"dataset: unknown kind '{name}'; known kinds: {string.Join(", ", Registered.Keys.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>Checks an entry: a known kind, only its keys, valid values.</summary>
    public static void Validate(JsonObject spec)
    {
        var kind = For(spec);
        var unknown = spec.Select(p => p.Key).Where(k => k != "kind" && !kind.Keys.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"dataset: '{unknown[0]}' is not a setting of kind '{kind.Name}'; its settings are {string.Join(", ", kind.Keys.Order(StringComparer.Ordinal))}.");
        kind.Validate(spec);
    }

    /// <summary>Checks the entry and returns its prepared folder (preparing it now if needed).</summary>
    public static string EnsurePrepared(JsonObject spec, DataCache? cache = null, Action<string>? log = null, CancellationToken cancellation = default)
    {
        Validate(spec);
        return For(spec).EnsurePrepared(spec, cache ?? new DataCache(), log, cancellation);
    }

    /// <summary>
    /// The folder a generated dataset is cached in, &lt;cache&gt;/prepared/KIND-HASH, and the hash: of the kind, its
    /// generator version and the entry's settings (key order does not matter), so any change gets a folder of its own.
    /// </summary>
    public static (string Folder, string InputsSha256) CacheFolder(DataCache cache, string kind, string version, JsonObject spec)
    {
        string canonical = Canonical(spec);
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{version}\n{canonical}")));
        return (Path.Combine(cache.Root, "prepared", $"{kind}-{sha[..12]}"), sha);
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
