namespace ScalingLaws.Data.Captions;

/// <summary>
/// The caption distribution of templates over a distribution of descriptions, by enumeration: H(C), H(D) and the
/// template entropy H(C | D), the nats of a caption that say nothing about the image. Enumeration also checks that no
/// caption arises from two descriptions, so D is a function of C and I(C; X) = I(D; X): C is drawn from D alone, so
/// I(C; X) ≤ I(D; X) (data processing through X – D – C), and D = g(C) gives I(D; X) ≤ I(C; X). Then
/// H(C) = H(D) + Σ_d p(d) H(C | D = d), each term a sum over the captions of one description.
/// </summary>
public sealed record CaptionEntropy
{
    /// <summary>H(C), nats per caption.</summary>
    public required double Caption { get; init; }

    /// <summary>H(D), nats: the entropy of what the captions describe.</summary>
    public required double Description { get; init; }

    /// <summary>H(C | D) = H(C) − H(D), nats: the wording (templates, synonyms) alone.</summary>
    public double Template => Caption - Description;

    /// <summary>Distinct captions.</summary>
    public required long Captions { get; init; }

    /// <summary>The longest caption, words.</summary>
    public required int LongestCaption { get; init; }

    /// <summary>Every word the captions use, in ordinal order.</summary>
    public required IReadOnlyList<string> Vocabulary { get; init; }

    /// <summary>
    /// Enumerates every caption of every description. Throws <see cref="InvalidOperationException"/> when two
    /// descriptions share a caption (the templates would then hide part of the description).
    /// </summary>
    /// <param name="templates">The caption templates.</param>
    /// <param name="descriptions">Each description: its probability and the word alternatives of its attributes.</param>
    public static CaptionEntropy Compute(CaptionTemplates templates, IEnumerable<(double Probability, IReadOnlyDictionary<string, IReadOnlyList<string[]>> Values)> descriptions)
    {
        // Each distinct caption is remembered by a 64-bit hash and its description: a hash collision can only raise a
        // false alarm, never hide a shared caption.
        var owner = new Dictionary<ulong, int>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        double descriptionEntropy = 0, templateEntropy = 0;
        int longest = 0, index = 0;
        foreach (var (pd, values) in descriptions)
        {
            var local = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (caption, pc) in templates.Enumerate(values))
            {
                string key = string.Join(' ', caption);
                local[key] = local.GetValueOrDefault(key) + pc;
                if (caption.Length > longest) longest = caption.Length;
                words.UnionWith(caption);
            }
            foreach (var (key, pc) in local)
            {
                ulong hash = Fnv1a(key);
                if (owner.TryGetValue(hash, out int other) && other != index)
                    throw new InvalidOperationException($"The caption \"{key}\" describes two different scenes (descriptions {other} and {index}); make every attribute's words distinct.");
                owner[hash] = index;
                templateEntropy -= pd * pc * Math.Log(pc);
            }
            if (pd > 0) descriptionEntropy -= pd * Math.Log(pd);
            index++;
        }
        return new CaptionEntropy
        {
            Caption = descriptionEntropy + templateEntropy,
            Description = descriptionEntropy,
            Captions = owner.Count,
            LongestCaption = longest,
            Vocabulary = words.Order(StringComparer.Ordinal).ToArray(),
        };
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text) hash = (hash ^ c) * 1099511628211;
        return hash;
    }
}
