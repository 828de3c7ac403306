using System.CommandLine;
using System.Diagnostics;
using ScalingLaws.Fitting;

namespace ScalingLaws.Cli.Commands;

/// <summary>
/// `scaling bench-fit`: times Epoch AI's Chinchilla approach-3 recipe (4,500-start grid, Huber on log loss)
/// and 1,000 warm-started bootstrap refits on data/reference/chinchilla_fig4_points.csv. A benchmark that
/// prints numbers, not a test. With --full-grid-check it also polishes every one of the 4,500 starts to
/// convergence and reports how far that answer is from the screened one.
/// </summary>
internal static class BenchFitCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = "The Chinchilla points CSV (default: data/reference/chinchilla_fig4_points.csv above the current folder)." };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap refits to time.", DefaultValueFactory = _ => 1000 };
        var fullGrid = new Option<bool>("--full-grid-check") { Description = "Also polish all 4,500 starts fully and compare with the screened fit." };
        var command = new Command("bench-fit", "Time the full Chinchilla approach-3 fit and 1,000 bootstrap refits on this machine.") { data, resamples, fullGrid };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)?.FullName ?? FindReferenceData();
            var raw = FitDataCsv.Load(path, "params", "loss", x2Column: "training_flop");
            var points = new FitData(raw.X, raw.Y, raw.X.Zip(raw.X2, (n, c) => c / (6 * n)).ToArray()).WithoutHighestY(5);
            var law = new ChinchillaLoss();
            var options = FitOptions.Huber(1e-3);
            Console.WriteLine($"Chinchilla approach 3 (Epoch AI recipe) on {points.Count} points, {Environment.ProcessorCount} cores");

            FitResult fit = null!;
            for (int run = 1; run <= 2; run++)
            {
                var clock = Stopwatch.StartNew();
                fit = ScalingLawFitter.Fit(law, points, options);
                Console.WriteLine($"full fit ({fit.StartsTried} starts, best {options.PolishCount} polished), run {run}{(run == 1 ? " (includes JIT)" : "")}: {clock.Elapsed.TotalSeconds:F2} s");
            }
            Console.WriteLine($"  {fit}");

            var bootClock = Stopwatch.StartNew();
            var boot = Bootstrap.Run(fit, points, new BootstrapOptions(parse.GetValue(resamples), Seed: 1));
            Console.WriteLine($"{boot.Samples.Count} bootstrap refits (warm-started): {bootClock.Elapsed.TotalSeconds:F2} s ({boot.FailedResamples} failed)");
            foreach (var (name, ci) in boot.Intervals) Console.WriteLine($"  {name}: {fit[name]:G5}  SE {boot.StandardErrors[name]:G3}  95% {ci}");

            if (parse.GetValue(fullGrid))
            {
                var clock = Stopwatch.StartNew();
                var full = ScalingLawFitter.Fit(law, points, options with { PolishCount = 0 });
                Console.WriteLine($"every start polished fully: {clock.Elapsed.TotalSeconds:F2} s");
                Console.WriteLine($"  {full}");
                Console.WriteLine($"  objective screened {fit.ObjectiveValue:G10} vs full {full.ObjectiveValue:G10}; largest relative parameter difference {law.ParameterNames.Max(n => Math.Abs(fit[n] / full[n] - 1)):E2}");
            }
            return 0;
        });
        return command;
    }

    private static string FindReferenceData()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", "reference", "chinchilla_fig4_points.csv");
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException("Could not find data/reference/chinchilla_fig4_points.csv above this folder; pass --data PATH.");
    }
}
