namespace ScalingLaws.Evaluation;

/// <summary>
/// Completions a run writes into its record after training, so a notebook can show what a model of each size produces
/// even where its weights are not kept (cached results): for a few examples of a split, the model continues the
/// example from just before <see cref="Region"/> and the record keeps the prompt, the model's tokens and the true ones.
/// An image from its start token is an unconditional sample; an image after a caption a conditional one; an answer
/// after its question, greedy, the model's answer.
/// </summary>
public sealed record SampleRequest
{
    /// <summary>The split whose examples give the prompts ("val", "val_blank", "interpolate").</summary>
    public required string Split { get; init; }

    /// <summary>The region the model generates ("image", "caption", "answer").</summary>
    public required string Region { get; init; }

    /// <summary>How many examples, spread evenly over the split.</summary>
    public int Examples { get; init; } = 8;

    /// <summary>Most likely token at every step (answers) instead of sampling (images).</summary>
    public bool Greedy { get; init; }

    /// <summary>Sampling temperature (1 samples the model's own distribution).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Seed of the sampling.</summary>
    public long Seed { get; init; }

    /// <summary>Throws naming the bad field.</summary>
    public SampleRequest Validate()
    {
        if (string.IsNullOrWhiteSpace(Split) || string.IsNullOrWhiteSpace(Region))
            throw new ArgumentException("samples: each request needs \"split\" and \"region\", e.g. {\"split\": \"val\", \"region\": \"image\"}.");
        if (Examples <= 0) throw new ArgumentException($"samples: examples must be positive, got {Examples}.");
        if (!(Temperature > 0)) throw new ArgumentException($"samples: temperature must be positive, got {Temperature}.");
        return this;
    }
}

/// <summary>One completion: an example's prompt, what the model generated for the region, and the true region.</summary>
public sealed record Completion
{
    /// <summary>The split the example came from.</summary>
    public required string Split { get; init; }

    /// <summary>The example's index in the split.</summary>
    public required int Example { get; init; }

    /// <summary>The example's subset (a math module), when the dataset names subsets.</summary>
    public string? Subset { get; init; }

    /// <summary>The region generated.</summary>
    public required string Region { get; init; }

    /// <summary>Greedy (true) or sampled.</summary>
    public required bool Greedy { get; init; }

    /// <summary>The tokens before the region.</summary>
    public required int[] Prompt { get; init; }

    /// <summary>The model's tokens (ending with a stop token when the region has one and the model produced it).</summary>
    public required int[] Generated { get; init; }

    /// <summary>The true tokens of the region.</summary>
    public required int[] Reference { get; init; }

    /// <summary>Whether the generated tokens equal the true ones.</summary>
    public bool ExactMatch => Generated.AsSpan().SequenceEqual(Reference);
}
