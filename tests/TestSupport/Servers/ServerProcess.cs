using System.Diagnostics;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// A real server process (mosquitto, influxd, redis-server, the UrbanTwin host) started for tests
/// in its own temporary directory, its output captured to a log file there. The process runs
/// under a small shell guard that kills it when this test process's stdin pipe closes, so a
/// crashed, killed or cancelled test run never leaves servers behind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string Guard =
        "exec 3<&0; \"$@\" >\"$UT_SERVER_LOG\" 2>&1 </dev/null & child=$!; " +
        "( while read -r _ <&3; do :; done; kill -TERM $child 2>/dev/null; sleep 5; kill -KILL $child 2>/dev/null ) & " +
        "wait $child";

    private readonly Process _process;
    private bool _disposed;

    private ServerProcess(string name, Process process, string directory, string logPath)
    {
        Name = name;
        _process = process;
        Directory = directory;
        LogPath = logPath;
    }

    public string Name { get; }

    /// <summary>The server's own temporary directory, deleted on dispose.</summary>
    public string Directory { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Creates a temporary directory for a server about to start.</summary>
    public static string CreateDirectory(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "urbantwin-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    public static ServerProcess Start(string name, string directory, string executable, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var logPath = Path.Combine(directory, name + ".log");
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Guard);
        info.ArgumentList.Add(name);
        info.ArgumentList.Add(executable);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["UT_SERVER_LOG"] = logPath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
        return new ServerProcess(name, process, directory, logPath);
    }

    /// <summary>Waits until <paramref name="isReady"/> answers true, or fails with the server's log.</summary>
    public async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> isReady, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready. Log:\n{ReadLog()}");
            }

            try
            {
                if (await isReady(cts.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s. Log:\n{ReadLog()}");
    }

    /// <summary>Waits for the server to exit by itself: its exit code. Fails if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} was still running after {timeout.TotalSeconds:0} s. Log:\n{ReadLog()}");
        }

        return _process.ExitCode;
    }

    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length > 8000 ? text[^8000..] : text;
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Stops the server: closes the guard's stdin (the server gets SIGTERM), then kills what is left.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.StandardInput.Close();
        using var cts = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Kills the server at once, as a crash or <c>kill -9</c> would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a server may still be flushing; the OS temp cleaner gets the rest
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
