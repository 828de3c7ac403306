using System.Security.Cryptography;
using System.Text;

namespace ScalingLaws.Data;

/// <summary>Train and validation documents: whole documents, never cut, so validation text is unseen.</summary>
/// <param name="Train">Training documents, in a seeded shuffled order so any prefix is a random nested subset (for L(D)).</param>
/// <param name="Validation">Held-out documents, in corpus order.</param>
public sealed record DocumentSplit(IReadOnlyList<TextDocument> Train, IReadOnlyList<TextDocument> Validation)
{
    /// <summary>
    /// Splits by document. Each document gets a key SHA-256(seed, id); the round(fraction * n) documents with the
    /// smallest keys (at least one when n &gt;= 2) are held out. The assignment depends only on the seed and the ids,
    /// so it is identical across runs and machines, and adding a document moves at most one other.
    /// </summary>
    public static DocumentSplit ByDocument(IReadOnlyList<TextDocument> documents, double validationFraction = 0.1, int seed = 0)
    {
        if (validationFraction is < 0 or >= 1 || double.IsNaN(validationFraction))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1), e.g. 0.1.");
        var duplicate = documents.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two documents share the id '{duplicate.Key}'; ids must be unique for a stable split.", nameof(documents));

        int holdOut = (int)Math.Round(validationFraction * documents.Count, MidpointRounding.AwayFromZero);
        if (validationFraction > 0 && documents.Count >= 2) holdOut = Math.Clamp(holdOut, 1, documents.Count - 1);

        var ranked = documents.Select((d, index) => (d, index, key: Key(seed, d.Id)))
            .OrderBy(x => x.key, StringComparer.Ordinal).ToList();
        var validation = ranked.Take(holdOut).OrderBy(x => x.index).Select(x => x.d).ToList();
        // The remaining documents keep the key order: a seeded shuffle, so prefixes are unbiased nested subsets.
        var train = ranked.Skip(holdOut).Select(x => x.d).ToList();
        return new DocumentSplit(train, validation);
    }

    private static string Key(int seed, string id) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u0000{id}")));
}
