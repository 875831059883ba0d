namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// A real server process in its own temporary directory that a test can stop and start again on
/// the same ports and data (outages, restarts): the subclass writes its configuration and says
/// when it is ready; this class owns the process's lifetime and the directory.
/// </summary>
public abstract class RestartableServer(string directory, TimeSpan stopGrace) : IAsyncDisposable
{
    private ServerProcess? _process;

    public string Directory { get; } = directory;

    /// <summary>Stops and starts the server on the same ports and directory (its data survives).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(stopGrace);
            _process = null;
        }
    }

    public string ReadLog() => _process?.ReadLog() ?? "(stopped)";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the process (at first and on every restart) and waits until it is ready.</summary>
    protected async Task StartProcessAsync()
    {
        var process = await LaunchAsync();
        try
        {
            await process.WaitUntilReadyAsync(IsReadyAsync, ReadyTimeout);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        _process = process;
    }

    /// <summary>Writes the configuration into <see cref="Directory"/> and starts the process.</summary>
    protected abstract Task<ServerProcess> LaunchAsync();

    /// <summary>Whether the started process answers as a ready server.</summary>
    protected abstract Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    protected abstract TimeSpan ReadyTimeout { get; }
}
