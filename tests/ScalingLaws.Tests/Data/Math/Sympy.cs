using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ScalingLaws.Tests.Data.Mathematics;

/// <summary>Runs check_math_answers.py (beside this file) with python3 and sympy.</summary>
internal static class Sympy
{
    private static readonly Lazy<string?> Missing = new(() =>
    {
        try
        {
            var (code, _, stderr) = Run("-c", "import sympy");
            return code == 0 ? null : $"Needs python3 with sympy to check the answers independently (`python3 -c \"import sympy\"` says: {stderr.Trim()}). Debian: apt-get install python3-sympy (.ci/run does).";
        }
        catch (Win32Exception)
        {
            return "Needs python3 with sympy to check the answers independently: python3 is not on PATH. Debian: apt-get install python3-sympy (.ci/run does).";
        }
    });

    /// <summary>Why the check cannot run here, or null.</summary>
    public static string? Unavailable() => Missing.Value;

    /// <summary>The checker script, found beside this source file.</summary>
    public static string Script([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "check_math_answers.py");

    /// <summary>Runs python3 with the arguments; returns its exit code, stdout and stderr.</summary>
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("python3", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A [Fact] that needs python3 with sympy, and otherwise shows up as skipped with the reason (never as passed).</summary>
internal sealed class SympyFactAttribute : FactAttribute
{
    public SympyFactAttribute()
    {
        if (Sympy.Unavailable() is { } reason) Skip = reason;
    }
}
