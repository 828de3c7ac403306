namespace ScalingLaws.Fitting;

/// <summary>
/// One training run's learning curve: the model size and the loss reached at each amount of training
/// compute. Compute must increase along the curve.
/// </summary>
/// <param name="NonEmbeddingParams">N of the run's model.</param>
/// <param name="ComputeFlops">Training compute C at each evaluation, increasing.</param>
/// <param name="LossNatsPerToken">Loss at each evaluation.</param>
public sealed record LearningCurve(double NonEmbeddingParams, IReadOnlyList<double> ComputeFlops, IReadOnlyList<double> LossNatsPerToken)
{
    /// <summary>Throws naming the bad run or point.</summary>
    public void Validate()
    {
        if (!(NonEmbeddingParams > 0)) throw new ArgumentException($"A learning curve has NonEmbeddingParams = {NonEmbeddingParams}; it must be positive.");
        if (ComputeFlops.Count != LossNatsPerToken.Count)
            throw new ArgumentException($"The run with N = {NonEmbeddingParams:G4} has {ComputeFlops.Count} compute values and {LossNatsPerToken.Count} losses; give one of each per evaluation.");
        for (int i = 0; i < ComputeFlops.Count; i++)
        {
            if (!(ComputeFlops[i] > 0) || !(LossNatsPerToken[i] > 0))
                throw new ArgumentException($"The run with N = {NonEmbeddingParams:G4} has compute {ComputeFlops[i]} and loss {LossNatsPerToken[i]} at point {i}; both must be positive.");
            if (i > 0 && !(ComputeFlops[i] > ComputeFlops[i - 1]))
                throw new ArgumentException($"The run with N = {NonEmbeddingParams:G4} has compute that does not increase at point {i}; sort the curve by compute.");
        }
    }

    /// <summary>
    /// The loss at compute <paramref name="flops"/>, interpolating ln L linearly in ln C between evaluations;
    /// NaN outside the curve's range (a run says nothing about budgets it did not reach).
    /// </summary>
    public double LossAt(double flops)
    {
        var c = ComputeFlops;
        if (c.Count == 0 || flops < c[0] || flops > c[^1]) return double.NaN;
        int hi = 0;
        while (c[hi] < flops) hi++;
        if (c[hi] == flops) return LossNatsPerToken[hi];
        int lo = hi - 1;
        double t = (Math.Log(flops) - Math.Log(c[lo])) / (Math.Log(c[hi]) - Math.Log(c[lo]));
        return Math.Exp((1 - t) * Math.Log(LossNatsPerToken[lo]) + t * Math.Log(LossNatsPerToken[hi]));
    }

    /// <summary>
    /// The lowest loss this run had reached by compute <paramref name="flops"/>: the running minimum of the curve up to
    /// there (interpolated at <paramref name="flops"/> inside the range; after the run ended, its best loss, since one
    /// could have stopped it there). NaN before the first evaluation.
    /// </summary>
    public double BestLossBy(double flops)
    {
        var c = ComputeFlops;
        if (c.Count == 0 || flops < c[0]) return double.NaN;
        double best = double.PositiveInfinity;
        for (int i = 0; i < c.Count && c[i] <= flops; i++) best = Math.Min(best, LossNatsPerToken[i]);
        double here = LossAt(flops);
        return double.IsNaN(here) ? best : Math.Min(best, here);
    }
}
