using ScalingLaws.Fitting;

namespace ScalingLaws.Information;

/// <summary>How many words of text carry as much information as the conditioning input: I / (entropy per word).</summary>
/// <param name="Words">The estimate.</param>
/// <param name="Interval">Its interval (the MI interval scaled).</param>
public sealed record WordsWorth(double Words, ConfidenceInterval Interval);
