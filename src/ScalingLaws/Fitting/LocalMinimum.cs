namespace ScalingLaws.Fitting;

/// <summary>Where one local optimisation run stopped, and why.</summary>
internal sealed record LocalMinimum(double[] Theta, double Value, int Iterations, bool Converged, string StopReason);
