using ScalingLaws.Data;

namespace ScalingLaws.Evaluation;

/// <summary>One region's scores over a split (or a subset of it).</summary>
public sealed record RegionScore
{
    /// <summary>Examples (or windows) with at least one target in the region.</summary>
    public required int Examples { get; init; }

    /// <summary>Targets in the region.</summary>
    public required long Tokens { get; init; }

    /// <summary>Mean loss per target, nats.</summary>
    public required double NatsPerToken { get; init; }

    /// <summary>Mean summed loss per example, nats (Henighan et al. 2020 report images in nats per image).</summary>
    public required double NatsPerExample { get; init; }

    /// <summary>Share of examples whose region greedy decoding reproduces exactly (see <see cref="RowScores"/>).</summary>
    public required double ExactMatch { get; init; }

    /// <summary>How many examples that is.</summary>
    public required int ExactMatches { get; init; }
}

/// <summary>Scores of one subset (a math module, a difficulty) of a split.</summary>
public sealed record SubsetEvaluation
{
    /// <summary>Examples of the subset scored.</summary>
    public required int Examples { get; init; }

    /// <summary>Per region name.</summary>
    public required IReadOnlyDictionary<string, RegionScore> Regions { get; init; }
}

/// <summary>
/// A split scored after training: the loss on the trained regions (what the learning curve and early stopping read),
/// per region, per subset, and per example (so intervals can resample held-out examples).
/// </summary>
public sealed record SplitEvaluation
{
    /// <summary>Examples (whole examples) or windows (running text) scored.</summary>
    public required int Examples { get; init; }

    /// <summary>Targets in the trained regions.</summary>
    public required long Tokens { get; init; }

    /// <summary>Mean loss per target over the trained regions, nats.</summary>
    public required double NatsPerToken { get; init; }

    /// <summary>Per region name, every region scored (trained or not).</summary>
    public required IReadOnlyDictionary<string, RegionScore> Regions { get; init; }

    /// <summary>Per subset name, when the split has subsets.</summary>
    public IReadOnlyDictionary<string, SubsetEvaluation>? Subsets { get; init; }

    /// <summary>For whole examples: per region, each example's summed loss in nats, in the split's example order.</summary>
    public IReadOnlyDictionary<string, float[]>? PerExampleNats { get; init; }

    /// <summary>For whole examples: the index in the split of each example scored.</summary>
    public int[]? ExampleIndices { get; init; }

    /// <summary>Summarises row scores of <paramref name="segments"/>; <paramref name="trained"/> picks the regions of <see cref="NatsPerToken"/>.</summary>
    public static SplitEvaluation From(RowScores scores, EvaluationSegments segments, DatasetLayout layout, RegionSelection trained, bool perExample)
    {
        var all = Enumerable.Range(0, scores.Rows).ToArray();
        double nats = 0;
        long tokens = 0;
        for (int r = 0; r < scores.Rows; r++)
            for (byte k = 1; k <= layout.Regions.Count; k++)
                if (trained.Contains(k)) { nats += scores.Nats[r, k]; tokens += scores.Tokens[r, k]; }
        Dictionary<string, SubsetEvaluation>? subsets = null;
        if (segments.Examples is { } examples && segments.Split.HasSubsets && layout.Subsets.Count > 0)
            subsets = all.GroupBy(r => segments.Split.Subset(examples[r])).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key < layout.Subsets.Count ? layout.Subsets[g.Key] : $"subset {g.Key}",
                    g => new SubsetEvaluation { Examples = g.Count(), Regions = RegionScores(scores, g.ToArray(), layout) });
        return new SplitEvaluation
        {
            Examples = scores.Rows,
            Tokens = tokens,
            NatsPerToken = tokens > 0 ? nats / tokens : double.NaN,
            Regions = RegionScores(scores, all, layout),
            Subsets = subsets,
            PerExampleNats = perExample && segments.Examples is not null
                ? Enumerable.Range(1, layout.Regions.Count).Where(k => all.Any(r => scores.Tokens[r, k] > 0))
                    .ToDictionary(k => layout.Regions[k - 1], k => all.Select(r => (float)scores.Nats[r, k]).ToArray())
                : null,
            ExampleIndices = perExample ? segments.Examples : null,
        };
    }

    private static Dictionary<string, RegionScore> RegionScores(RowScores scores, int[] rows, DatasetLayout layout)
    {
        var regions = new Dictionary<string, RegionScore>();
        for (int k = 1; k <= layout.Regions.Count; k++)
        {
            var present = rows.Where(r => scores.Tokens[r, k] > 0).ToArray();
            if (present.Length == 0) continue;
            long tokens = present.Sum(r => (long)scores.Tokens[r, k]);
            double nats = present.Sum(r => scores.Nats[r, k]);
            int exact = present.Count(r => scores.AllCorrect[r, k]);
            regions[layout.Regions[k - 1]] = new RegionScore
            {
                Examples = present.Length,
                Tokens = tokens,
                NatsPerToken = nats / tokens,
                NatsPerExample = nats / present.Length,
                ExactMatch = (double)exact / present.Length,
                ExactMatches = exact,
            };
        }
        return regions;
    }
}
