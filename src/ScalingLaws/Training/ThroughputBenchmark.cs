using System.Diagnostics;
using ScalingLaws.Models;
using ScalingLaws.Native;
using static TorchSharp.torch;

namespace ScalingLaws.Training;

/// <summary>Measured training throughput for one model shape (see <see cref="ThroughputBenchmark"/>).</summary>
/// <param name="Config">The model shape.</param>
/// <param name="BatchSequences">Sequences per step.</param>
/// <param name="Steps">Timed steps (after warm-up).</param>
/// <param name="TokensPerSecond">Training tokens per second.</param>
/// <param name="GflopsWithHead">Achieved GFLOP/s counting 6N + 6 n_layer n_ctx d_model + 6 d_model V per token (Porian et al.; the peer script's count).</param>
/// <param name="GflopsKaplan">Achieved GFLOP/s by Kaplan's count, 6N + 6 n_layer n_ctx d_model per token.</param>
/// <param name="MatmulPeakGflops">Best fp32 square matmul rate (512..2048) measured in the same process.</param>
/// <param name="Threads">Intra-op threads torch used.</param>
public sealed record ThroughputResult(
    GptConfig Config, int BatchSequences, int Steps, double TokensPerSecond,
    double GflopsWithHead, double GflopsKaplan, double MatmulPeakGflops, int Threads);

/// <summary>
/// Training throughput on random tokens with the trainer's own model, optimiser and <see cref="TrainingStep"/>
/// (no noise-scale measurement, no evaluation), beside the machine's fp32 matmul peak measured in the same process.
/// </summary>
public static class ThroughputBenchmark
{
    /// <summary>Times <paramref name="steps"/> training steps after <paramref name="warmupSteps"/> untimed ones.</summary>
    public static ThroughputResult Run(GptConfig config, int batchSequences, int steps = 20, int warmupSteps = 3, int threads = 0, long seed = 0)
    {
        TorchSharpNative.EnsureLoadable();
        config.Validate();
        if (batchSequences <= 0) throw new ArgumentException($"batch must be positive, got {batchSequences}.");
        if (steps <= 0) throw new ArgumentException($"steps must be positive, got {steps}.");
        set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);

        using var model = new Gpt(config, seed);
        using var optimizer = AdamWGroups.Create(model, 1e-3, 0.9, 0.95, 1e-8, 0.1);
        var step = new TrainingStep(model, optimizer, gradClip: 1.0);
        using var generator = new Generator((ulong)seed, CPU);
        using var data_BxT1 = randint(0, config.VocabSize, [batchSequences, config.NCtx + 1], dtype: ScalarType.Int64, generator: generator);
        using var input = data_BxT1[.., ..^1].contiguous();
        using var target = data_BxT1[.., 1..].contiguous();
        var batch = new[] { (input, target) };

        for (int i = 0; i < warmupSteps; i++) RunOne(step, batch);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) RunOne(step, batch);
        double seconds = clock.Elapsed.TotalSeconds;

        double tokensPerSecond = (double)steps * batchSequences * config.NCtx / seconds;
        return new ThroughputResult(
            config, batchSequences, steps, tokensPerSecond,
            tokensPerSecond * FlopCount.TrainingFlopsPerTokenWithHead(config) / 1e9,
            tokensPerSecond * FlopCount.KaplanTrainingFlopsPerToken(config) / 1e9,
            MatmulPeakGflops(), get_num_threads());
    }

    /// <summary>The best fp32 rate over square matmuls of side 512, 1024, 1536 and 2048 (2 n^3 FLOPs each).</summary>
    public static double MatmulPeakGflops()
    {
        TorchSharpNative.EnsureLoadable();
        double best = 0;
        foreach (int n in new[] { 512, 1024, 1536, 2048 })
        {
            using var scope = NewDisposeScope();
            var a = randn(n, n);
            var b = randn(n, n);
            matmul(a, b).Dispose(); // warm-up
            int reps = Math.Max(2, (int)(4e9 / (2.0 * n * n * n)));
            for (int trial = 0; trial < 3; trial++)
            {
                var clock = Stopwatch.StartNew();
                for (int r = 0; r < reps; r++) matmul(a, b).Dispose();
                best = Math.Max(best, 2.0 * n * n * n * reps / clock.Elapsed.TotalSeconds / 1e9);
            }
        }
        return best;
    }

    private static void RunOne(TrainingStep step, (Tensor, Tensor)[] batch)
    {
        using var scope = NewDisposeScope();
        step.Run(batch, 1e-3);
    }
}
