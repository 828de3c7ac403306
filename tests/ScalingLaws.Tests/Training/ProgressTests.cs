using ScalingLaws.Tests.Data;
using ScalingLaws.Training;
using TorchSharp;

namespace ScalingLaws.Tests.Training;

public class ProgressTests
{
    private sealed class Recorder(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }

    [Fact]
    public void Evaluations_are_reported_and_live_tensors_stay_flat_between_them()
    {
        using var data = new TempDataset();
        var live = new Dictionary<long, long>();
        var reports = new List<TrainingProgress>();
        var config = data.TinyRun(steps: 50) with { EvalPointsPerDecade = 0, EvalEverySteps = 10, BatchTokens = 8 * 16, MicroBatchSequences = 4 };
        Trainer.Run(config, new Recorder(p =>
        {
            reports.Add(p);
            if (p.Kind == ProgressKind.Evaluation) live[p.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }));
        Assert.Equal(new long[] { 10, 20, 30, 40, 50 }, live.Keys);
        // After the first steps allocate optimiser state, a step leaves nothing behind.
        Assert.Single(live.Where(kv => kv.Key >= 20).Select(kv => kv.Value).Distinct());
        Assert.All(reports.Where(r => r.Kind == ProgressKind.Evaluation), r => Assert.NotNull(r.ValLoss));
    }

    [Fact]
    public void Notebook_lines_show_step_loss_throughput_and_eta()
    {
        var line = ProgressLineWriter.Format(new TrainingProgress
        {
            Kind = ProgressKind.Evaluation,
            Step = 20,
            TotalSteps = 100,
            Tokens = 2560,
            TrainLoss = 2.5,
            ValLoss = 2.75,
            LearningRate = 1e-3,
            TokensPerSecond = 12345,
            Eta = TimeSpan.FromSeconds(75),
        });
        Assert.Equal("step 20/100  tokens 2,560  lr 0.001  train 2.5000  val 2.7500  12,345 tok/s  ETA 00:01:15", line);
    }
}
