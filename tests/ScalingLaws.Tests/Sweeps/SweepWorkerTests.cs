using ScalingLaws.Sweeps;

namespace ScalingLaws.Tests.Sweeps;

public class SweepWorkerTests
{
    private static string Worker(params (string Name, string Value)[] variables) =>
        SweepWorker.Describe(name => variables.FirstOrDefault(v => v.Name == name).Value, "node07", 812);

    [Fact]
    public void A_slurm_array_task_is_named_as_squeue_and_scancel_take_it()
    {
        Assert.Equal("slurm 4512_3 on node07, pid 812", Worker(("SLURM_ARRAY_JOB_ID", "4512"), ("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_JOB_ID", "4516")));
        Assert.Equal("slurm 77 on node07, pid 812", Worker(("SLURM_JOB_ID", "77")));
    }

    [Fact]
    public void A_kubernetes_indexed_job_pod_is_named_by_its_completion_index()
    {
        Assert.Equal("kubernetes index 2 on node07, pid 812", Worker(("JOB_COMPLETION_INDEX", "2")));
    }

    [Fact]
    public void A_process_outside_a_scheduler_is_named_by_host_and_pid()
    {
        Assert.Equal("node07, pid 812", Worker());
    }

    [Fact]
    public void A_claim_names_the_worker_holding_it_until_released()
    {
        using var folder = new Data.TempFolder();
        string path = folder.File("run.claim");
        using (var claim = RunClaim.TryAcquire(path, TimeSpan.FromMinutes(5)))
        {
            Assert.NotNull(claim);
            Assert.Equal(SweepWorker.Current(), RunClaim.HolderOf(path));
        }
        Assert.Null(RunClaim.HolderOf(path));
    }
}
