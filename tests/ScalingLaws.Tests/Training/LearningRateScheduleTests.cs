using ScalingLaws.Training;

namespace ScalingLaws.Tests.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void Warmup_is_linear_then_cosine_reaches_the_floor_at_the_end()
    {
        var s = new LearningRateSchedule(ScheduleKind.Cosine, PeakLearningRate: 1.0, FloorFraction: 0.1, WarmupSteps: 10);
        Assert.Equal(0.1, s.At(0, 100, 110), 12);
        Assert.Equal(1.0, s.At(9, 100, 110), 12);
        Assert.Equal(1.0, s.At(10, 100, 110), 12);
        Assert.Equal(0.55, s.At(60, 100, 110), 12);   // halfway through the decay: floor + (peak - floor) / 2
        Assert.Equal(0.1, s.At(110, 100, 110), 12);
        Assert.Equal(0.1, s.At(500, 100, 110), 12);   // stays at the floor past the decay
    }

    [Fact]
    public void Linear_and_constant_schedules()
    {
        var linear = new LearningRateSchedule(ScheduleKind.Linear, 2.0, 0.0, WarmupSteps: 0, DecaySteps: 100);
        Assert.Equal(1.0, linear.At(50, 1, 1000), 12);
        Assert.Equal(0.0, linear.At(100, 1, 1000), 12);
        var constant = new LearningRateSchedule(ScheduleKind.Constant, 3e-4, WarmupSteps: 4);
        Assert.Equal(1.5e-4, constant.At(1, 1, 10), 12);
        Assert.Equal(3e-4, constant.At(9, 1, 10), 12);
    }

    [Fact]
    public void Lengths_in_tokens_are_converted_with_the_batch_size()
    {
        var s = new LearningRateSchedule(ScheduleKind.Linear, 1.0, 0.0, WarmupTokens: 1000, DecayTokens: 3000);
        // 100 tokens per step: warm-up 10 steps, decay ends at step 30.
        Assert.Equal(0.5, s.At(4, 100, 1000), 12);
        Assert.Equal(0.5, s.At(20, 100, 1000), 12);
        Assert.Equal(0.0, s.At(30, 100, 1000), 12);
    }
}
