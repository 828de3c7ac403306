namespace ScalingLaws.Reference;

/// <summary>One constant a paper published: its symbol, value and units, what it means, and where in the paper it stands.</summary>
/// <param name="Symbol">The paper's symbol, with a prefix where a table has many laws (e.g. "alpha_N", "image8x8.L_N.L_inf").</param>
/// <param name="Value">The value as published.</param>
/// <param name="Units">Units ("nats/token", "PF-days"); empty for exponents and other pure numbers.</param>
/// <param name="Meaning">What it is, in a sentence.</param>
/// <param name="Source">Equation, table or section of the paper ("eq. 1.1", "table 1").</param>
public sealed record PublishedConstant(string Symbol, double Value, string Units, string Meaning, string Source);
