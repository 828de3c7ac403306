using System.Text;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class BpeTrainerTests
{
    [Fact]
    public void Training_is_deterministic_and_independent_of_document_order()
    {
        var documents = SampleText.Documents(10, 50, seed: 4);
        var first = BpeTrainer.Train(documents, 320);
        var again = BpeTrainer.Train(documents, 320);
        var reversed = BpeTrainer.Train(documents.AsEnumerable().Reverse(), 320);

        Assert.Equal(64, first.Merges.Count);
        Assert.Equal(first.Merges, again.Merges);
        Assert.Equal(first.Merges, reversed.Merges);
    }

    [Fact]
    public void Incremental_training_gives_the_same_merges_as_recounting_every_pair_each_step()
    {
        var documents = SampleText.Documents(5, 40, seed: 6);
        var fast = BpeTrainer.Train(documents, 356);
        Assert.Equal(NaiveMerges(documents, 100), fast.Merges);
    }

    [Fact]
    public void First_merge_is_the_most_frequent_pair()
    {
        // Words "aaab", " aaab" x2, " ab" x2: pairs (a,a) 6, (a,b) 5, (' ',a) 4.
        var tokenizer = BpeTrainer.Train([TextDocument.FromText("d", "aaab aaab aaab ab ab")], 257);
        Assert.Equal(('a', 'a'), ((char)tokenizer.Merges[0].Left, (char)tokenizer.Merges[0].Right));
    }

    [Fact]
    public void Training_stops_when_no_pair_repeats()
    {
        var tokenizer = BpeTrainer.Train([TextDocument.FromText("d", "abcdef")], 1024);
        Assert.Equal(256, tokenizer.VocabSize);
    }

    [Fact]
    public void Vocabulary_outside_the_uint16_range_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BpeTrainer.Train([], 70000));
        Assert.Contains("65536", error.Message);
    }

    /// <summary>Textbook BPE: recount all pairs of all words before every merge (slow, obviously right).</summary>
    private static List<(int, int)> NaiveMerges(IEnumerable<TextDocument> documents, int count)
    {
        var words = new Dictionary<string, long>();
        foreach (var d in documents)
            PreTokenizer.Split(d.Bytes, (s, l) =>
            {
                string key = Encoding.Latin1.GetString(d.Bytes, s, l);
                words[key] = words.GetValueOrDefault(key) + 1;
            });
        var symbols = words.Select(w => (list: w.Key.Select(c => (int)c).ToList(), n: w.Value)).ToList();
        var merges = new List<(int, int)>();
        while (merges.Count < count)
        {
            var counts = new Dictionary<(int, int), long>();
            foreach (var (list, n) in symbols)
                for (int i = 0; i + 1 < list.Count; i++)
                    counts[(list[i], list[i + 1])] = counts.GetValueOrDefault((list[i], list[i + 1])) + n;
            if (counts.Count == 0) break;
            var best = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).First();
            if (best.Value < 2) break;
            int merged = 256 + merges.Count;
            merges.Add(best.Key);
            foreach (var (list, _) in symbols)
                for (int i = 0; i + 1 < list.Count; i++)
                    if (list[i] == best.Key.Item1 && list[i + 1] == best.Key.Item2)
                    {
                        list[i] = merged;
                        list.RemoveAt(i + 1);
                    }
        }
        return merges;
    }
}
