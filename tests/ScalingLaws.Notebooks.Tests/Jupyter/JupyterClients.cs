using System.Diagnostics;

namespace ScalingLaws.Notebooks.Tests.Jupyter;

/// <summary>
/// Debian's Jupyter clients (python3-nbclient, jupyter-notebook), which .ci/run installs with apt, and this build's
/// kernelspec installed once per test session into a private JUPYTER_PATH.
/// </summary>
internal static class JupyterClients
{
    /// <summary>Debian's Python, not a pyenv or virtual environment one: the Jupyter packages are Debian's.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Set to 1 to skip the tests that drive Jupyter clients, knowingly.</summary>
    public const string SkipVariable = "SCALING_SKIP_JUPYTER_TESTS";

    private static readonly Lazy<string> KernelPath = new(InstallKernel);

    /// <summary>False when the tests are skipped knowingly; fails the test, saying what to install, when a client is missing.</summary>
    public static bool Available(params string[] modules)
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) == "1") return false;
        var (exit, output) = Run(Python, ["-c", string.Join("; ", modules.Select(m => $"import {m}"))], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0,
            $"Debian's Jupyter clients are missing ({output.Trim()}): `apt-get install -y --no-install-recommends python3-nbclient jupyter-nbconvert " +
            $"jupyter-notebook` (as .ci/run does), or set {SkipVariable}=1 to skip these tests knowingly.");
        return true;
    }

    /// <summary>The JUPYTER_PATH under which `scaling kernel install --prefix` wrote this build's kernelspec.</summary>
    public static string JupyterPath => KernelPath.Value;

    private static string InstallKernel()
    {
        string prefix = Path.Combine(Path.GetTempPath(), "scaling-jupyter-tests", Guid.NewGuid().ToString("N"));
        var (exit, output) = Run("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "scaling.dll"), "kernel", "install", "--prefix", prefix], TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, output);
        return Path.Combine(prefix, "share", "jupyter");
    }

    /// <summary>Runs the nbclient driver (Jupyter/nbclient_run.py) with this build's kernel; returns its standard output.</summary>
    public static string Nbclient(params string[] args)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Jupyter", "nbclient_run.py");
        var (exit, output) = Run(Python, [script, .. args], TimeSpan.FromMinutes(20), ("JUPYTER_PATH", JupyterPath));
        Assert.True(exit == 0, $"nbclient_run.py {string.Join(' ', args)} exited with {exit}:\n{output}");
        return output;
    }

    public static (int Exit, string Output) Run(string file, string[] args, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{stdout.Result}\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The repository root (the folder with ScalingNotebooks.sln).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScalingNotebooks.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir.FullName;
    }
}
