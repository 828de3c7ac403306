using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingLaws.Sweeps;

/// <summary>
/// An exclusive, crash-tolerant claim on one run of a sweep, held as a file <c>ID.claim</c> created with
/// O_EXCL semantics (<see cref="FileMode.CreateNew"/>), so that several processes on one machine or on a
/// cluster sharing the results folder never train the same run at once.
/// </summary>
/// <remarks>
/// A process killed mid-run leaves its claim behind. A claim is stale when its owner is on this host and
/// no longer alive, or when its heartbeat (the file's write time, touched every <see cref="HeartbeatInterval"/>)
/// is older than the stale limit; a stale claim is taken over by renaming it away (only one rename wins).
/// Host name and pid identify the owner, so containers that share a host name but not a pid namespace should
/// give each container its own host name. In the rare three-way race of a takeover a run may be trained twice;
/// its record is still written once (the first rename wins).
/// </remarks>
public sealed class RunClaim : IDisposable
{
    /// <summary>How often a live claim touches its file.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    private readonly Timer _heartbeat;
    private bool _released;

    private RunClaim(string path, string token)
    {
        Path = path;
        Token = token;
        _heartbeat = new Timer(_ => Touch(), null, HeartbeatInterval, HeartbeatInterval);
    }

    /// <summary>The claim file.</summary>
    public string Path { get; }

    /// <summary>A unique token written into the claim file, so a takeover can tell claims apart.</summary>
    public string Token { get; }

    /// <summary>
    /// Tries to claim <paramref name="claimPath"/>. Returns null when another live process holds it.
    /// </summary>
    public static RunClaim? TryAcquire(string claimPath, TimeSpan staleAfter)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string token = Guid.NewGuid().ToString("N");
            FileStream stream;
            try
            {
                stream = new FileStream(claimPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException)
            {
                // The holder may have released it between our create and this check: just try again.
                if (!File.Exists(claimPath)) continue;
                if (!TryBreakStale(claimPath, staleAfter)) return null;
                continue;
            }
            try
            {
                using (stream)
                    JsonSerializer.Serialize(stream, new JsonObject
                    {
                        ["token"] = token,
                        ["host"] = Environment.MachineName,
                        ["pid"] = Environment.ProcessId,
                        ["worker"] = SweepWorker.Current(),
                        ["claimed_utc"] = DateTime.UtcNow.ToString("O"),
                    });
                return new RunClaim(claimPath, token);
            }
            catch (Exception e) when (IO.StorageFault.Is(e))
            {
                // A claim that could not be written (a full disk) must not stay behind looking like another process's.
                try { File.Delete(claimPath); } catch (IOException) { }
                throw;
            }
        }
        return null;
    }

    /// <summary>Who holds the claim at <paramref name="claimPath"/> (see <see cref="SweepWorker"/>); null when there is none.</summary>
    public static string? HolderOf(string claimPath) =>
        ReadClaim(claimPath) is { } claim ? claim["worker"]?.GetValue<string>() ?? $"{claim["host"]}, pid {claim["pid"]}" : null;

    private static bool TryBreakStale(string claimPath, TimeSpan staleAfter)
    {
        JsonObject? holder = ReadClaim(claimPath);
        DateTime heartbeat = File.GetLastWriteTimeUtc(claimPath);
        bool ownerDead = holder is not null
            && holder["host"]?.GetValue<string>() == Environment.MachineName
            && holder["pid"]?.GetValue<int>() is int pid && !IsAlive(pid);
        bool silent = DateTime.UtcNow - heartbeat > staleAfter;
        if (!ownerDead && !silent) return false;

        string moved = $"{claimPath}.stale.{Guid.NewGuid():N}";
        try
        {
            File.Move(claimPath, moved);
        }
        catch (IOException) { return true; } // someone else moved it first; retry the create
        catch (UnauthorizedAccessException) { return false; }

        // Between our read and our rename another process may have taken over and written a fresh claim:
        // if what we moved is not what we judged stale, put it back.
        if (ReadClaim(moved)?["token"]?.GetValue<string>() != holder?["token"]?.GetValue<string>())
        {
            try { File.Move(moved, claimPath); } catch (IOException) { }
            return false;
        }
        File.Delete(moved);
        return true;
    }

    private static JsonObject? ReadClaim(string path)
    {
        try { return JsonNode.Parse(File.ReadAllText(path)) as JsonObject; }
        catch (Exception e) when (e is IOException or JsonException) { return null; }
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
    }

    private void Touch()
    {
        // A timer callback must never throw: that would end the process.
        try { File.SetLastWriteTimeUtc(Path, DateTime.UtcNow); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Releases the claim (deletes the file if it is still ours).</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        _heartbeat.Dispose();
        if (ReadClaim(Path)?["token"]?.GetValue<string>() == Token)
        {
            try { File.Delete(Path); } catch (IOException) { }
        }
    }
}
