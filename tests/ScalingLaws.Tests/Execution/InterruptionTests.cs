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
}
