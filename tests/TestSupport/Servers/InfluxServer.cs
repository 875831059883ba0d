using System.Net;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// A real influxd (1.x from Debian) on free 127.0.0.1 ports (HTTP and the RPC service) with its
/// meta, data and WAL directories under a temporary directory. Ready when <c>/ping</c> answers 204.
/// </summary>
public sealed class InfluxServer : RestartableServer
{
    public const string Executable = "/usr/bin/influxd";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private InfluxServer(string directory, int httpPort, int rpcPort)
        : base(directory, stopGrace: TimeSpan.FromSeconds(15))
    {
        HttpPort = httpPort;
        RpcPort = rpcPort;
    }

    public int HttpPort { get; }

    public int RpcPort { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");

    public static async Task<InfluxServer> StartAsync()
    {
        var server = new InfluxServer(ServerProcess.CreateDirectory("influxd"), FreePort.Next(), FreePort.Next());
        await server.StartProcessAsync();
        return server;
    }

    protected override TimeSpan ReadyTimeout => TimeSpan.FromSeconds(60);

    protected override async Task<ServerProcess> LaunchAsync()
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
        return ServerProcess.Start("influxd", d, Executable, ["-config", configPath]);
    }

    protected override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
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
