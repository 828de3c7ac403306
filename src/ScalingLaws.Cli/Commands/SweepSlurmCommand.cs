using System.CommandLine;
using ScalingLaws.Sweeps;

namespace ScalingLaws.Cli.Commands;

/// <summary>
/// `scaling sweep slurm`: the sweep as a Slurm job array. The script is <see cref="SlurmArrayJob.Script"/>; this
/// command does the edges: counting the runs left, asking Slurm how many nodes there are, writing the file and
/// calling sbatch.
/// </summary>
internal static class SweepSlurmCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("SWEEP.json") { Description = "sweep definition, on storage every node mounts" };
        var results = new Option<string>("--results") { Description = "results root, on storage every node mounts; records go to RESULTS/NAME/, the script and each task's output to RESULTS/NAME/_slurm/", DefaultValueFactory = _ => SweepCommand.DefaultResults };
        var tasks = new Option<int?>("--tasks") { Description = "array tasks, i.e. workers (default and most: the runs without a result)" };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "cores, and training threads, per worker (default: the most \"threads\" any run asks for, else 1)" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's)" };
        var time = new Option<string?>("--time") { Description = "time limit per task, e.g. 4:00:00 (default: the partition's)" };
        var submit = new Option<bool>("--submit") { Description = "submit the script with sbatch instead of printing it" };
        var command = new Command("slurm", "Write (or --submit) an sbatch script that runs the sweep as a Slurm job array sharing one results folder.")
        {
            file, results, tasks, cpus, partition, time, submit,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(results)!, parse.GetValue(tasks), parse.GetValue(cpus),
            parse.GetValue(partition), parse.GetValue(time), parse.GetValue(submit)));
        return command;
    }

    private static int Run(string file, string results, int? tasks, int? cpus, string? partition, string? time, bool submit)
    {
        SweepDefinition sweep;
        try
        {
            if (tasks <= 0) throw new ArgumentException($"--tasks {tasks}: give a positive number of array tasks, or leave it out for one per run left.");
            if (cpus <= 0) throw new ArgumentException($"--cpus-per-task {cpus}: give a positive number of cores, or leave it out to use the sweep's \"threads\".");
            sweep = SweepDefinition.Load(file);
            SweepTraining.ValidateAll(sweep);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            return Error(e.Message);
        }
        string? sbatch = SlurmClient.Find("sbatch");
        if (submit && sbatch is null)
            return Error($"--submit needs Slurm's sbatch, and it is not on PATH here. Run this on the cluster's login node, or drop --submit and submit the written script there with sbatch.");

        var store = new SweepResultStore(results, sweep.Name).Create();
        // Runs `sweep run` would train: no record, or a record from an older version of the run's config.
        int left = sweep.Runs.Count(run => !store.IsComplete(run.Id) || !store.MatchesConfig(run.Id, sweep.ConfigFor(run)));
        if (left == 0)
        {
            Console.WriteLine($"sweep {sweep.Name}: every run has a result in {store.Folder}; nothing to submit.");
            return 0;
        }
        if (tasks > left)
            Console.Error.WriteLine($"note: --tasks {tasks} is more than the {left} runs left; asking for {left} tasks.");

        var job = new SlurmArrayJob
        {
            SweepName = sweep.Name,
            SweepPath = sweep.SourcePath!,
            ResultsRoot = Path.GetFullPath(results),
            Tasks = Math.Min(tasks ?? left, left),
            CpusPerTask = cpus ?? SlurmArrayJob.DefaultCpusPerTask(sweep),
            Scaling = ScalingCommand(),
            Partition = partition,
            TimeLimit = time,
        };
        if (job.StorageProblem(NodeLocalStorage.RootOf(job.ResultsRoot, Path.GetTempPath()), SlurmClient.Nodes(partition)) is { } problem)
            return Error(problem);

        // Slurm does not create the folder of --output: a task whose output folder is missing fails without a word.
        Directory.CreateDirectory(job.LogFolder);
        File.WriteAllText(job.ScriptPath, job.Script());
        string status = $"scaling sweep status {sweep.SourcePath} --results {job.ResultsRoot}";
        if (!submit)
        {
            Console.Write(job.Script());
            Console.Error.WriteLine($"wrote {job.ScriptPath}; submit it with `sbatch {job.ScriptPath}` (or run this again with --submit), then watch with `{status}`.");
            return 0;
        }
        string jobId;
        try
        {
            jobId = SlurmClient.Submit(sbatch!, job.ScriptPath);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        Console.WriteLine($"submitted job array {jobId} for sweep {sweep.Name}: {Count(job.Tasks, "task")} of {Count(job.CpusPerTask, "core")} each, {left} of {sweep.Runs.Count} runs left; " +
                          $"output in {Path.Combine(job.LogFolder, $"slurm-{jobId}_*.out")}");
        Console.WriteLine($"watch: {status}");
        return 0;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static int Error(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }

    /// <summary>This `scaling` as it was started: `dotnet scaling.dll` when run through the dotnet host, else the executable itself.</summary>
    private static IReadOnlyList<string> ScalingCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, typeof(SweepSlurmCommand).Assembly.Location] : [process];
    }
}
