using System.Net;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// A real influxd (1.x from Debian) on free 127.0.0.1 ports (HTTP and the RPC service) with its
/// meta, data and WAL directories under a temporary directory. Ready when <c>/ping</c> answers 204.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/influxd";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private ServerProcess? _process;

    private InfluxServer(string directory, int httpPort, int rpcPort)
    {
        Directory = directory;
        HttpPort = httpPort;
        RpcPort = rpcPort;
    }

    public string Directory { get; }

    public int HttpPort { get; }

    public int RpcPort { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");

    public static async Task<InfluxServer> StartAsync()
    {
        var server = new InfluxServer(ServerProcess.CreateDirectory("influxd"), FreePort.Next(), FreePort.Next());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops and starts influxd on the same ports and data (to test outages).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(15));
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
    }

    private async Task StartProcessAsync()
    {
        var d = Directory;
        var config = $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{RpcPort}"

            [meta]
              dir = "{d}/meta"

            [data]
              dir = "{d}/data"
              wal-dir = "{d}/wal"
              query-log-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{HttpPort}"
              log-enabled = false

            [monitor]
              store-enabled = false

            [logging]
              level = "warn"
            """;
        var configPath = Path.Combine(d, "influxdb.conf");
        await File.WriteAllTextAsync(configPath, config);
        var process = ServerProcess.Start("influxd", d, Executable, ["-config", configPath]);
        try
        {
            await process.WaitUntilReadyAsync(PingAsync, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        _process = process;
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(BaseUri, "ping"), cancellationToken);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
