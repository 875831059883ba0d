using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c>) on a free 127.0.0.1 port with its own
/// temporary directory, scraping one target every second with a bearer token; queried through its
/// HTTP API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/prometheus";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly ServerProcess _process;

    private PrometheusServer(ServerProcess process, int port)
    {
        _process = process;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUri { get; }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at <paramref name="path"/> with <paramref name="bearerToken"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(string target, string path, string bearerToken)
    {
        var directory = ServerProcess.CreateDirectory("prometheus");
        var port = FreePort.Next();
        var tokenFile = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(tokenFile, bearerToken);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: urbantwin
                metrics_path: {path}
                authorization:
                  type: Bearer
                  credentials_file: {tokenFile}
                static_configs:
                  - targets: ['{target}']
            """);
        var process = ServerProcess.Start("prometheus", directory, Executable,
        [
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        ]);
        var server = new PrometheusServer(process, port);
        try
        {
            await process.WaitUntilReadyAsync(
                async ct =>
                {
                    try
                    {
                        using var response = await Http.GetAsync(new Uri(server.BaseUri, "-/ready"), ct);
                        return response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(30));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Runs an instant query; returns each series' labels and value.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string promQl, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUri, "api/v1/query?query=" + Uri.EscapeDataString(promQl));
        using var json = await Http.GetFromJsonAsync<JsonDocument>(uri, cancellationToken) ?? throw new InvalidOperationException("empty answer");
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query {promQl} failed: {root}");
        }

        return [.. root.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    public string ReadLog() => _process.ReadLog();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
