namespace ScalingLaws.Data.Captions;

/// <summary>
/// Captions drawn from templates: "[a|one] {size} {colour} {kind} {position}". A word stands for itself, "[x|y z]" for
/// one of its alternatives (each one or more words, or none: "[|very]"), "{name}" for one of the words a description
/// gives for attribute name (synonyms, or no words when the attribute is not described). A caption picks a template
/// uniformly, then every choice uniformly and independently of the image, so its wording carries no information about
/// the image beyond the description: I(caption; image) = I(description; image) whenever the description can be read
/// back from the caption (<see cref="CaptionEntropy"/> checks that).
/// </summary>
public sealed class CaptionTemplates
{
    private readonly IReadOnlyList<Slot[]> templates;

    /// <param name="templates">The templates, in the syntax above.</param>
    public CaptionTemplates(IEnumerable<string> templates)
    {
        Text = templates.ToArray();
        this.templates = Text.Select(Parse).ToArray();
        if (this.templates.Count == 0) throw new ArgumentException("Give at least one caption template.");
        Attributes = this.templates.SelectMany(t => t).Select(s => s.Attribute).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The templates as written.</summary>
    public IReadOnlyList<string> Text { get; }

    /// <summary>The attribute names the templates use.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>Number of templates.</summary>
    public int Count => templates.Count;

    /// <summary>Draws a caption: a template, then every choice, uniformly.</summary>
    /// <param name="values">For every attribute, its word alternatives (a single empty alternative when it is not described).</param>
    /// <param name="rng">The generator.</param>
    public string[] Sample(IReadOnlyDictionary<string, IReadOnlyList<string[]>> values, Random rng)
    {
        var words = new List<string>();
        foreach (var slot in templates[rng.Next(templates.Count)])
        {
            var alternatives = Alternatives(slot, values);
            words.AddRange(alternatives[rng.Next(alternatives.Count)]);
        }
        return [.. words];
    }

    /// <summary>Every caption the templates can give for <paramref name="values"/>, with its probability (a caption two paths give appears twice).</summary>
    public IEnumerable<(string[] Words, double Probability)> Enumerate(IReadOnlyDictionary<string, IReadOnlyList<string[]>> values)
    {
        foreach (var template in templates)
        {
            var choices = template.Select(slot => Alternatives(slot, values)).ToArray();
            double probability = 1.0 / templates.Count / choices.Aggregate(1.0, (p, c) => p * c.Count);
            foreach (var words in Product(choices, 0, []))
                yield return (words, probability);
        }
    }

    /// <summary>How many captions <see cref="Enumerate"/> would list for <paramref name="values"/> (to decide whether enumerating is affordable).</summary>
    public long CountPaths(IReadOnlyDictionary<string, IReadOnlyList<string[]>> values) =>
        templates.Sum(t => t.Aggregate(1L, (n, slot) => n * Alternatives(slot, values).Count));

    private static IEnumerable<string[]> Product(IReadOnlyList<string[]>[] choices, int at, string[] prefix)
    {
        if (at == choices.Length)
        {
            yield return prefix;
            yield break;
        }
        foreach (var alternative in choices[at])
            foreach (var words in Product(choices, at + 1, [.. prefix, .. alternative]))
                yield return words;
    }

    private static IReadOnlyList<string[]> Alternatives(Slot slot, IReadOnlyDictionary<string, IReadOnlyList<string[]>> values)
    {
        if (slot.Attribute is null) return slot.Words;
        if (!values.TryGetValue(slot.Attribute, out var alternatives) || alternatives.Count == 0)
            throw new ArgumentException($"The caption templates use {{{slot.Attribute}}}, but the description gives it no words; give [[]] (no words) when it is not described.");
        return alternatives;
    }

    private static Slot[] Parse(string template)
    {
        var slots = new List<Slot>();
        for (int i = 0; i < template.Length;)
        {
            char c = template[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '[' or '{')
            {
                char close = c == '[' ? ']' : '}';
                int end = template.IndexOf(close, i);
                if (end < 0) throw new ArgumentException($"Caption template \"{template}\": '{c}' at {i} is never closed with '{close}'.");
                string inner = template[(i + 1)..end];
                slots.Add(c == '[' ? new Slot(null, inner.Split('|').Select(Words).ToArray()) : new Slot(inner.Trim(), []));
                i = end + 1;
            }
            else
            {
                int end = i;
                while (end < template.Length && !char.IsWhiteSpace(template[end]) && template[end] is not ('[' or '{')) end++;
                slots.Add(new Slot(null, [[template[i..end]]]));
                i = end;
            }
        }
        if (slots.Count == 0) throw new ArgumentException("A caption template is empty.");
        return [.. slots];
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private sealed record Slot(string? Attribute, IReadOnlyList<string[]> Words);
}
