namespace ScalingLaws.Fitting;

/// <summary>The compute-efficient frontier at one budget: the lowest loss and the model size and tokens that reach it.</summary>
/// <param name="ComputeFlops">The budget C.</param>
/// <param name="NonEmbeddingParams">N_opt, interpolated between the trained sizes.</param>
/// <param name="Tokens">D_opt = C / (6 N_opt) (Kaplan et al. 2020: C = 6 N D).</param>
/// <param name="LossNatsPerToken">The interpolated minimum loss.</param>
public sealed record FrontierPoint(double ComputeFlops, double NonEmbeddingParams, double Tokens, double LossNatsPerToken);
