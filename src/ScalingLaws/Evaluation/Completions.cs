using ScalingLaws.Data;
using ScalingLaws.Execution;
using ScalingLaws.Models;
using static TorchSharp.torch;

namespace ScalingLaws.Evaluation;

/// <summary>Generates <see cref="Completion"/>s with a model, one token at a time (no cache: our contexts are short).</summary>
public static class Completions
{
    /// <summary>Runs one request against <paramref name="split"/>.</summary>
    public static IReadOnlyList<Completion> Generate(Gpt model, TokenSplit split, DatasetLayout layout, SampleRequest request, Device device, CancellationToken cancellation = default)
    {
        request.Validate();
        if (!split.HasExamples) throw new ArgumentException($"samples: {request.Split} is running text; completions need whole examples.");
        byte region = layout.RegionId(request.Region);
        int nCtx = model.Config.NCtx;
        var stops = new HashSet<int>(layout.StopTokens.TryGetValue(request.Region, out var s) ? s : []);
        int count = Math.Min(request.Examples, split.ExampleCount);
        var rows = new List<(int Example, int[] Prompt, int[] Reference, List<int> Generated, int MaxNew)>();
        for (int i = 0; i < count; i++)
        {
            int index = (int)((long)i * split.ExampleCount / count);
            var example = split.Example(index);
            int first = Array.IndexOf(example.Regions, region);
            if (first < 1) continue; // no such region here, or nothing before it to condition on
            int end = first;
            while (end < example.Length && example.Regions[end] == region) end++;
            var reference = example.Tokens[first..end].Select(t => (int)t).ToArray();
            int room = nCtx + 1 - first;
            int maxNew = stops.Count == 0 ? Math.Min(reference.Length, room) : room;
            rows.Add((index, example.Tokens[..first].Select(t => (int)t).ToArray(), reference, [], maxNew));
        }
        var random = new Random(unchecked((int)KeyedPermutation.Mix((ulong)request.Seed)));
        var done = new bool[rows.Count];
        using var noGrad = no_grad();
        while (done.Contains(false))
        {
            Interruption.ThrowIfRequested(cancellation);
            var active = Enumerable.Range(0, rows.Count).Where(r => !done[r]).ToArray();
            int width = active.Max(r => rows[r].Prompt.Length + rows[r].Generated.Count);
            var input = new long[active.Length * width];
            for (int a = 0; a < active.Length; a++)
            {
                var row = rows[active[a]];
                var sequence = row.Prompt.Concat(row.Generated).ToArray();
                for (int t = 0; t < sequence.Length; t++) input[a * width + t] = sequence[t];
            }
            float[][] next;
            using (Native.QuietGc.Begin())
            using (NewDisposeScope())
            {
                var logits_BxTxV = model.forward(tensor(input, [active.Length, width]).to(device));
                long v = logits_BxTxV.shape[^1];
                next = new float[active.Length][];
                var all = logits_BxTxV.to(CPU).data<float>().ToArray();
                for (int a = 0; a < active.Length; a++)
                {
                    var row = rows[active[a]];
                    int last = row.Prompt.Length + row.Generated.Count - 1;
                    next[a] = all.AsSpan((int)((a * (long)width + last) * v), (int)v).ToArray();
                }
            }
            for (int a = 0; a < active.Length; a++)
            {
                var row = rows[active[a]];
                int token = request.Greedy ? ArgMax(next[a]) : SampleSoftmax(next[a], request.Temperature, random);
                row.Generated.Add(token);
                if (stops.Contains(token) || row.Generated.Count >= row.MaxNew) done[active[a]] = true;
            }
        }
        return rows.Select(r => new Completion
        {
            Split = request.Split,
            Example = r.Example,
            Subset = layout.Subsets.Count > 0 && split.HasSubsets && split.Subset(r.Example) < layout.Subsets.Count ? layout.Subsets[split.Subset(r.Example)] : null,
            Region = request.Region,
            Greedy = request.Greedy,
            Prompt = r.Prompt,
            Generated = [.. r.Generated],
            Reference = r.Reference,
        }).ToArray();
    }

    private static int ArgMax(float[] logits)
    {
        int best = 0;
        for (int i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    private static int SampleSoftmax(float[] logits, double temperature, Random random)
    {
        double max = logits.Max();
        var weights = logits.Select(l => Math.Exp((l - max) / temperature)).ToArray();
        double u = random.NextDouble() * weights.Sum();
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u <= 0) return i;
        }
        return weights.Length - 1;
    }
}
