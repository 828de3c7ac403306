using System.Runtime.InteropServices;
using System.Text;

namespace ScalingLaws.Data;

/// <summary>
/// Learns byte-level BPE merges from documents. Each document is pre-split into words (<see cref="PreTokenizer"/>)
/// and only the distinct words with their counts are kept; pair counts are then updated incrementally after each
/// merge, touching only the words that contain the merged pair, and the most frequent pair is taken from a
/// priority queue with lazy deletion. Ties break towards the smaller (left, right) ids, so training is deterministic.
/// </summary>
public static class BpeTrainer
{
    private sealed class Word(int[] symbols, long count)
    {
        public int[] Symbols = symbols;
        public int Length = symbols.Length;
        public readonly long Count = count;
    }

    private sealed class PairOrder : IComparer<(long Count, long Pair)>
    {
        public int Compare((long Count, long Pair) a, (long Count, long Pair) b) =>
            a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Pair.CompareTo(b.Pair);
    }

    /// <summary>
    /// Trains a tokenizer with <paramref name="vocabSize"/> - 256 merges (fewer if the text runs out of pairs that
    /// occur at least twice).
    /// </summary>
    public static BytePairTokenizer Train(IEnumerable<TextDocument> documents, int vocabSize)
    {
        if (vocabSize is < 256 or > 65536)
            throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "The vocabulary must be between 256 (plain bytes) and 65536 (UInt16 token files).");
        var words = CountWords(documents);
        var pairCounts = new Dictionary<long, long>();
        var wordsWithPair = new Dictionary<long, HashSet<int>>();
        for (int w = 0; w < words.Count; w++)
            AddPairs(words[w], w, +1, pairCounts, wordsWithPair);

        var queue = new PriorityQueue<long, (long Count, long Pair)>(new PairOrder());
        foreach (var (pair, count) in pairCounts) queue.Enqueue(pair, (count, pair));

        var merges = new List<(int, int)>(vocabSize - 256);
        var delta = new Dictionary<long, long>();
        while (merges.Count < vocabSize - 256 && queue.TryDequeue(out long best, out var priority))
        {
            Execution.Interruption.ThrowIfRequested();
            if (!pairCounts.TryGetValue(best, out long current) || current != priority.Count) continue; // stale entry
            if (current < 2) break; // a pair seen once compresses nothing it was not trained on
            int left = (int)(best >> 32), right = (int)(uint)best, merged = 256 + merges.Count;
            merges.Add((left, right));

            delta.Clear();
            var affected = wordsWithPair[best];
            wordsWithPair.Remove(best);
            foreach (int w in affected)
            {
                var word = words[w];
                if (!Contains(word, left, right)) continue;
                AddPairs(word, w, -1, delta, null);
                MergeInPlace(word, left, right, merged);
                AddPairs(word, w, +1, delta, wordsWithPair);
            }
            foreach (var (pair, change) in delta)
            {
                if (change == 0) continue;
                ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _);
                count += change;
                if (count > 0) queue.Enqueue(pair, (count, pair));
                else pairCounts.Remove(pair);
            }
            pairCounts.Remove(best);
        }
        return new BytePairTokenizer(merges);
    }

    /// <summary>Distinct pre-tokenized words of all documents with their counts, in first-seen order.</summary>
    private static List<Word> CountWords(IEnumerable<TextDocument> documents)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var document in documents)
        {
            byte[] bytes = document.Bytes;
            var chars = new char[bytes.Length];
            Encoding.Latin1.GetChars(bytes, chars); // one char per byte: a cheap hashable key for any bytes
            PreTokenizer.Split(bytes, (start, length) =>
            {
                var key = chars.AsSpan(start, length);
                if (lookup.TryGetValue(key, out long n)) lookup[key] = n + 1;
                else lookup[key] = 1;
            });
        }
        var words = new List<Word>(counts.Count);
        foreach (var (key, count) in counts)
        {
            var symbols = new int[key.Length];
            for (int i = 0; i < key.Length; i++) symbols[i] = key[i];
            words.Add(new Word(symbols, count));
        }
        return words;
    }

    private static void AddPairs(Word word, int index, int sign, Dictionary<long, long> counts, Dictionary<long, HashSet<int>>? wordsWithPair)
    {
        for (int i = 0; i + 1 < word.Length; i++)
        {
            long pair = BytePairTokenizer.Pair(word.Symbols[i], word.Symbols[i + 1]);
            ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, pair, out _);
            count += sign * word.Count;
            if (wordsWithPair is not null)
            {
                ref var set = ref CollectionsMarshal.GetValueRefOrAddDefault(wordsWithPair, pair, out bool exists);
                if (!exists) set = [];
                set!.Add(index);
            }
        }
    }

    private static bool Contains(Word word, int left, int right)
    {
        for (int i = 0; i + 1 < word.Length; i++)
            if (word.Symbols[i] == left && word.Symbols[i + 1] == right) return true;
        return false;
    }

    private static void MergeInPlace(Word word, int left, int right, int merged)
    {
        int write = 0;
        for (int read = 0; read < word.Length; read++)
        {
            if (read + 1 < word.Length && word.Symbols[read] == left && word.Symbols[read + 1] == right)
            {
                word.Symbols[write++] = merged;
                read++;
            }
            else word.Symbols[write++] = word.Symbols[read];
        }
        word.Length = write;
    }
}
