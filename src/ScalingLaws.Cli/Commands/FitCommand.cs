using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScalingLaws.Fitting;
using Spectre.Console;

namespace ScalingLaws.Cli.Commands;

/// <summary>
/// `scaling fit --law NAME --x COLUMN [--x2 COLUMN] --y COLUMN FILE.csv [--huber DELTA] [--bootstrap K]
/// [--drop-highest K] [--exclude-highest-loss K] [--seed S] [--json]`: fits a law to a CSV and prints the
/// parameters with intervals and the goodness of fit.
/// </summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var law = new Option<string>("--law") { Description = $"Law to fit: {string.Join(", ", ScalingLaw.BuiltIn.Select(l => l.Name))}.", Required = true };
        var x = new Option<string>("--x") { Description = "Column of the first variable (N, D, C; the loss for critical-batch).", Required = true };
        var x2 = new Option<string?>("--x2") { Description = "Column of the second variable of kaplan-nd (D), kaplan-ns (S) and chinchilla (D)." };
        var y = new Option<string>("--y") { Description = "Column of the fitted quantity (the loss; B_crit for critical-batch).", Required = true };
        var huber = new Option<double?>("--huber") { Description = "Minimise Huber loss with this delta on log residuals instead of least squares (Hoffmann et al. use 1e-3)." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for 95% percentile intervals (0: none).", DefaultValueFactory = _ => 0 };
        var dropHighest = new Option<int>("--drop-highest") { Description = "Held-out check: also fit without the K points of largest x, predict them and report the % error.", DefaultValueFactory = _ => 0 };
        var excludeLoss = new Option<int>("--exclude-highest-loss") { Description = "Drop the K points of highest y before fitting (Epoch AI's Chinchilla recipe drops 5).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: the parameters by symbol, r2, rmse_log, and ci per parameter with --bootstrap." };
        var file = new Argument<FileInfo>("FILE.csv") { Description = "CSV with a header row." };

        var command = new Command("fit", "Fit a scaling law to the columns of a CSV, with bootstrap intervals and a held-out extrapolation check.")
        {
            law, x, x2, y, huber, bootstrap, dropHighest, excludeLoss, seed, json, file,
        };
        command.SetAction(parse =>
        {
            var request = new FitRequest(parse.GetValue(law)!, parse.GetValue(x)!, parse.GetValue(x2), parse.GetValue(y)!, parse.GetValue(file)!.FullName,
                parse.GetValue(huber), parse.GetValue(bootstrap), parse.GetValue(dropHighest), parse.GetValue(excludeLoss), parse.GetValue(seed));
            FitOutcome outcome;
            try
            {
                outcome = request.Run();
            }
            catch (InvalidOperationException e)
            {
                // The fitter refuses a fit that did not converge or ran off to infinity: the data do not fit the law,
                // which for this command is bad input (exit code 2), like data it refuses outright.
                throw new ArgumentException(e.Message, e);
            }
            if (parse.GetValue(json)) Console.WriteLine(ToJson(outcome).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else Render(outcome);
            return 0;
        });
        return command;
    }

    private sealed record FitRequest(string LawName, string XColumn, string? X2Column, string YColumn, string Path,
        double? HuberDelta, int Resamples, int HeldOut, int ExcludeHighestLoss, int Seed)
    {
        public FitOutcome Run()
        {
            var law = ScalingLaw.ByName(LawName);
            if (law.VariableCount == 2 && X2Column is null)
                throw new ArgumentException($"{law.Name} is a law of two variables ({law.Formula}); name the second one's column with --x2.");
            if (law.VariableCount == 1 && X2Column is not null)
                throw new ArgumentException($"{law.Name} is a law of one variable ({law.Formula}); drop --x2.");
            if (Resamples < 0 || HeldOut < 0 || ExcludeHighestLoss < 0)
                throw new ArgumentException("--bootstrap, --drop-highest and --exclude-highest-loss take a count of 0 or more.");
            if (Resamples == 1)
                throw new ArgumentException("--bootstrap 1: an interval needs at least 2 resamples (hundreds for a stable 95% interval); use 0 for none.");
            var data = FitDataCsv.Load(Path, XColumn, YColumn, X2Column);
            if (ExcludeHighestLoss >= data.Count)
                throw new ArgumentException($"--exclude-highest-loss {ExcludeHighestLoss}: {System.IO.Path.GetFileName(Path)} has {data.Count} points; drop fewer than that.");
            if (ExcludeHighestLoss > 0) data = data.WithoutHighestY(ExcludeHighestLoss);
            if (HeldOut >= data.Count)
                throw new ArgumentException($"--drop-highest {HeldOut}: only {data.Count} points are left to fit; hold out 1 to {data.Count - 1} of them.");
            var options = HuberDelta is { } delta ? FitOptions.Huber(delta) : new FitOptions();
            var fit = ScalingLawFitter.Fit(law, data, options);
            var intervals = Resamples > 0 ? Bootstrap.Run(fit, data, new BootstrapOptions(Resamples, Seed)) : null;
            return new FitOutcome(fit, data.Count, intervals, HeldOut > 0 ? Check(law, data, options) : null);
        }

        private ExtrapolationCheck Check(ScalingLaw law, FitData data, FitOptions options)
        {
            try
            {
                return HeldOutExtrapolation.Run(law, data, HeldOut, options);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new ArgumentException($"--drop-highest {HeldOut}: the fit to the {data.Count - HeldOut} points left fails: {e.Message}", e);
            }
        }
    }

    private sealed record FitOutcome(FitResult Fit, int Points, BootstrapResult? Bootstrap, ExtrapolationCheck? Check);

    private static JsonObject ToJson(FitOutcome outcome)
    {
        // JSON has no NaN or infinity: a number that is not finite (an interval no resample could give) is written as null.
        static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        var result = new JsonObject();
        foreach (var (name, value) in outcome.Fit.Parameters) result[name] = Number(value);
        result["r2"] = Number(outcome.Fit.R2Log);
        result["rmse_log"] = Number(outcome.Fit.RmseLog);
        if (outcome.Bootstrap is { } bootstrap)
        {
            var ci = new JsonObject();
            foreach (var (name, interval) in bootstrap.Intervals) ci[name] = new JsonArray(Number(interval.Lower), Number(interval.Upper));
            result["ci"] = ci;
        }
        if (outcome.Check is { } check)
            result["heldout"] = new JsonObject
            {
                ["mean_abs_percent_error"] = Number(check.MeanAbsolutePercentError),
                ["points"] = new JsonArray(check.Points.Select(p =>
                {
                    var point = new JsonObject { ["x"] = p.X };
                    if (!double.IsNaN(p.X2)) point["x2"] = p.X2;
                    point["observed"] = p.Observed;
                    point["predicted"] = Number(p.Predicted);
                    point["percent_error"] = Number(p.PercentError);
                    return (JsonNode)point;
                }).ToArray()),
            };
        return result;
    }

    private static void Render(FitOutcome outcome)
    {
        var fit = outcome.Fit;
        AnsiConsole.MarkupLineInterpolated($"[bold]{fit.Law.Formula}[/] on {outcome.Points} points, {(fit.Options.Objective == FitObjective.Huber ? $"Huber (delta {fit.Options.HuberDelta:G3})" : "least squares")} on log y, {fit.StartsTried} starts");
        var table = new Table().AddColumn("parameter").AddColumn(new TableColumn("estimate").RightAligned());
        if (outcome.Bootstrap is not null) table.AddColumn(new TableColumn($"{outcome.Bootstrap.ConfidenceLevel:P0} interval ({outcome.Bootstrap.Samples.Count} resamples)").RightAligned());
        foreach (var (name, value) in fit.Parameters)
        {
            var row = new List<string> { name, value.ToString("G5", CultureInfo.InvariantCulture) };
            if (outcome.Bootstrap?.Intervals[name] is { } ci) row.Add($"{ci.Lower.ToString("G4", CultureInfo.InvariantCulture)} – {ci.Upper.ToString("G4", CultureInfo.InvariantCulture)}");
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"R^2 (log) = {fit.R2Log:F5}   RMSE (log) = {fit.RmseLog:G4}   converged: {fit.Converged} ({fit.StopReason})");
        if (outcome.Check is { } check)
        {
            AnsiConsole.MarkupLineInterpolated($"Held out the {check.Points.Count} points of largest x; fitted on the rest and predicted them:");
            var held = new Table().AddColumns("x", "observed", "predicted", "error %");
            foreach (var p in check.Points)
                held.AddRow(p.X.ToString("G4", CultureInfo.InvariantCulture), p.Observed.ToString("G5", CultureInfo.InvariantCulture),
                    p.Predicted.ToString("G5", CultureInfo.InvariantCulture), p.PercentError.ToString("+0.00;-0.00", CultureInfo.InvariantCulture));
            AnsiConsole.Write(held);
            AnsiConsole.MarkupLineInterpolated($"Mean |error| = {check.MeanAbsolutePercentError:F2}%");
        }
    }
}
