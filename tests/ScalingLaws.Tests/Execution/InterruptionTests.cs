using ScalingLaws.Execution;

namespace ScalingLaws.Tests.Execution;

public class InterruptionTests
{
    [Fact]
    public void Ambient_token_reaches_code_that_was_passed_none_and_ends_with_its_scope()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.False(Interruption.IsRequested());
        using (Interruption.Scope(source.Token))
        {
            Assert.True(Interruption.IsRequested());
            Assert.Throws<OperationCanceledException>(() => Interruption.ThrowIfRequested());
        }
        Assert.False(Interruption.IsRequested());
        Interruption.ThrowIfRequested();
    }

    [Fact]
    public async Task Ambient_token_flows_into_tasks_and_parallel_workers_but_not_back_out()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        int seen = 0;
        using (Interruption.Scope(source.Token))
        {
            await Task.Run(() => { if (Interruption.IsRequested()) Interlocked.Increment(ref seen); });
            Parallel.For(0, 8, _ => { if (Interruption.IsRequested()) Interlocked.Increment(ref seen); });
        }
        Assert.Equal(9, seen);
        Assert.False(Interruption.IsRequested());
    }

    [Fact]
    public void Explicit_token_is_honoured_without_an_ambient_one()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.True(Interruption.IsRequested(source.Token));
        Assert.Throws<OperationCanceledException>(() => Interruption.ThrowIfRequested(source.Token));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_interrupted_bootstrap_stops_with_one_cancellation_not_an_aggregate(bool parallel)
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        using (Interruption.Scope(source.Token))
        {
            Assert.Throws<OperationCanceledException>(() => ScalingLaws.Fitting.Bootstrap.Resample(
                ScalingLaws.Fitting.BootstrapDesign.Points(10), new ScalingLaws.Fitting.BootstrapOptions(Resamples: 50, Parallel: parallel), counts => [counts.Sum()]));
        }
    }

    [Fact]
    public void An_interrupted_dataset_preparation_stops()
    {
        using var temp = new ScalingLaws.Tests.Data.TempFolder();
        using var source = new CancellationTokenSource();
        source.Cancel();
        var spec = new System.Text.Json.Nodes.JsonObject { ["kind"] = "math", ["train_examples_per_module"] = 50, ["test_examples_per_module"] = 10, ["val_examples_per_module"] = 5 };
        using (Interruption.Scope(source.Token))
            Assert.ThrowsAny<OperationCanceledException>(() => ScalingLaws.Data.DatasetKinds.EnsurePrepared(spec, new ScalingLaws.Data.DataCache(temp.Path)));
    }
}
