namespace ScalingLaws.Sweeps;

/// <summary>
/// A sweep-wide estimate of the time left: the planned FLOPs of every run without a record, at the FLOP rate this
/// process has measured on the runs it finished. Runs differ by orders of magnitude in cost, so counting runs would
/// say little; FLOPs weigh them. The rate is in planned FLOPs per second, so a run that stops early counts as its whole
/// plan done faster: rough where early stopping is common, fair where runs of a kind are alike.
/// </summary>
public sealed class SweepEta
{
    private readonly IReadOnlyDictionary<string, double> planned;
    private readonly HashSet<string> done;
    private double measuredFlops, measuredSeconds;

    /// <param name="plannedFlops">Each run's planned training FLOPs (see <see cref="SweepTraining.PlannedFlops"/>).</param>
    /// <param name="alreadyDone">Runs that have records already.</param>
    public SweepEta(IReadOnlyDictionary<string, double> plannedFlops, IEnumerable<string> alreadyDone)
    {
        planned = plannedFlops;
        done = [.. alreadyDone];
    }

    /// <summary>
    /// The planned FLOPs of the sweep's runs and which of them have current records in <paramref name="store"/> (a record
    /// trained from an older config is work still to do).
    /// </summary>
    public static SweepEta For(SweepDefinition sweep, SweepResultStore store) => new(
        sweep.Runs.ToDictionary(r => r.Id, r => SweepTraining.PlannedFlops(sweep, r)),
        sweep.Runs.Where(r => store.IsCurrent(r.Id, sweep.ConfigFor(r))).Select(r => r.Id));

    /// <summary>Planned FLOPs of the runs without a record.</summary>
    public double RemainingFlops => planned.Where(p => !done.Contains(p.Key)).Sum(p => p.Value);

    /// <summary>The share of the sweep's planned FLOPs that have records, 0 to 1.</summary>
    public double FractionDone => 1 - RemainingFlops / planned.Values.Sum();

    /// <summary>Records that run <paramref name="runId"/> now has a record (found done, or finished by another process).</summary>
    public void MarkDone(string runId) => done.Add(runId);

    /// <summary>Records a run this process trained, and how long it took.</summary>
    public void Trained(string runId, double seconds)
    {
        if (done.Add(runId) && seconds > 0)
        {
            measuredFlops += planned[runId];
            measuredSeconds += seconds;
        }
    }

    /// <summary>Time left at the rate measured so far; null until a run has been trained here.</summary>
    public TimeSpan? Remaining => measuredSeconds > 0 ? TimeSpan.FromSeconds(RemainingFlops / (measuredFlops / measuredSeconds)) : null;
}
