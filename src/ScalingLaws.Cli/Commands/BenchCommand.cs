using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScalingLaws.Models;
using ScalingLaws.Training;
using Spectre.Console;

namespace ScalingLaws.Cli.Commands;

/// <summary>`scaling bench`: training throughput for one model shape on random tokens (same flags as shared/bench/peer_gpt.py).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var layers = new Option<int>("--layers") { Description = "n_layer", DefaultValueFactory = _ => 4 };
        var dModel = new Option<int>("--d-model") { Description = "d_model", DefaultValueFactory = _ => 128 };
        var heads = new Option<int>("--heads") { Description = "n_head", DefaultValueFactory = _ => 4 };
        var ctx = new Option<int>("--ctx") { Description = "n_ctx (tokens per sequence)", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch") { Description = "sequences per step", DefaultValueFactory = _ => 32 };
        var vocab = new Option<int>("--vocab") { Description = "vocabulary size", DefaultValueFactory = _ => 256 };
        var steps = new Option<int>("--steps") { Description = "timed steps (after 3 warm-up steps)", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "torch intra-op threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "print one JSON line: tokens_per_s, gflops, matmul_peak_gflops" };

        var command = new Command("bench", "Measure training throughput (tokens/s, GFLOP/s) on random tokens with the trainer's own model and optimiser.")
        {
            layers, dModel, heads, ctx, batch, vocab, steps, threads, json,
        };
        command.SetAction(parse =>
        {
            var config = new GptConfig(parse.GetValue(layers), parse.GetValue(dModel), parse.GetValue(heads), parse.GetValue(ctx), parse.GetValue(vocab));
            ThroughputResult result;
            try
            {
                config.Validate();
                result = parse.GetValue(json)
                    ? Measure(config, parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(threads))
                    : AnsiConsole.Status().Start("Timing training steps and matmuls...",
                        _ => Measure(config, parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(threads)));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            if (parse.GetValue(json)) Console.WriteLine(ToJsonLine(result));
            else Render(result);
            return 0;
        });
        return command;
    }

    private static ThroughputResult Measure(GptConfig config, int batch, int steps, int threads) =>
        ThroughputBenchmark.Run(config, batch, steps, threads: threads);

    private static string ToJsonLine(ThroughputResult r) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["impl"] = "torchsharp",
        ["threads"] = r.Threads,
        ["n_nonembed"] = ParameterCount.Of(r.Config).NonEmbeddingParams,
        ["tokens_per_s"] = Math.Round(r.TokensPerSecond, 1),
        ["gflops"] = Math.Round(r.GflopsWithHead, 2),
        ["gflops_kaplan"] = Math.Round(r.GflopsKaplan, 2),
        ["matmul_peak_gflops"] = Math.Round(r.MatmulPeakGflops, 2),
        ["fraction_of_peak"] = Math.Round(r.GflopsWithHead / r.MatmulPeakGflops, 3),
    });

    private static void Render(ThroughputResult r)
    {
        var c = r.Config;
        var table = new Table().AddColumns("quantity", "value");
        string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
        table.AddRow("shape", $"n_layer {c.NLayer}, d_model {c.DModel}, n_head {c.NHead}, n_ctx {c.NCtx}, vocab {c.VocabSize}, batch {r.BatchSequences}");
        table.AddRow("N (non-embedding params)", ParameterCount.Of(c).NonEmbeddingParams.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("threads", r.Threads.ToString(CultureInfo.InvariantCulture));
        table.AddRow("tokens/s", F(r.TokensPerSecond, "N0"));
        table.AddRow("GFLOP/s (6N + 6 n_layer n_ctx d_model + 6 d_model V)", F(r.GflopsWithHead, "F1"));
        table.AddRow("GFLOP/s (Kaplan, 6N + 6 n_layer n_ctx d_model)", F(r.GflopsKaplan, "F1"));
        table.AddRow("fp32 matmul peak GFLOP/s (512..2048)", F(r.MatmulPeakGflops, "F1"));
        table.AddRow("fraction of peak", F(r.GflopsWithHead / r.MatmulPeakGflops, "P0"));
        AnsiConsole.Write(table);
    }
}
