namespace ScalingLaws.Sweeps;

/// <summary>
/// Names the process working on a sweep in the scheduler's own terms, so a person reading a claim or a record can
/// find the job: <c>slurm 4512_3 on node07, pid 812</c> (what <c>squeue -j</c> and <c>scancel</c> take),
/// <c>kubernetes index 2 on sweep-2-x7k, pid 1</c> (an indexed Job's completion index), or <c>node07, pid 812</c>.
/// </summary>
public static class SweepWorker
{
    /// <summary>This process.</summary>
    public static string Current() => Describe(Environment.GetEnvironmentVariable, Environment.MachineName, Environment.ProcessId);

    /// <summary>The worker named by the scheduler's environment variables (read through <paramref name="variable"/>).</summary>
    public static string Describe(Func<string, string?> variable, string host, int pid)
    {
        string where = $"{host}, pid {pid}";
        if (variable("SLURM_ARRAY_JOB_ID") is { Length: > 0 } arrayJob && variable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task)
            return $"slurm {arrayJob}_{task} on {where}";
        if (variable("SLURM_JOB_ID") is { Length: > 0 } job)
            return $"slurm {job} on {where}";
        if (variable("JOB_COMPLETION_INDEX") is { Length: > 0 } index)
            return $"kubernetes index {index} on {where}";
        return where;
    }
}
