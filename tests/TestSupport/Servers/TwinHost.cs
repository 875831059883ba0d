using System.Globalization;
using System.Net.Http.Headers;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// The UrbanTwin host as the run command starts it (the built <c>UrbanTwin.TwinApi</c> entry
/// point), as a separate process on free loopback ports. Extra settings are passed as
/// command-line configuration (<c>--Key=value</c>), exactly as an operator would.
/// </summary>
public sealed class TwinHost : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ServerProcess _process;

    private TwinHost(ServerProcess process, Uri baseUri, IReadOnlyDictionary<string, string> settings)
    {
        _process = process;
        BaseUri = baseUri;
        Settings = settings;
    }

    public Uri BaseUri { get; }

    /// <summary>The configuration the host was started with (ports, data directory, ...).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public int MqttPort => int.Parse(Settings["Mqtt:Port"], CultureInfo.InvariantCulture);

    public int SiloPort => int.Parse(Settings["Orleans:SiloPort"], CultureInfo.InvariantCulture);

    /// <param name="settings">Configuration passed as <c>--Key=value</c>.</param>
    /// <param name="arguments">Further command-line arguments as an operator would type them (<c>--simulate</c>, <c>6</c>).</param>
    public static async Task<TwinHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? arguments = null)
    {
        var directory = ServerProcess.CreateDirectory("twinhost");
        var httpPort = FreePort.Next();
        var baseUri = new Uri($"http://127.0.0.1:{httpPort}/");
        var commandLine = new List<string> { HostAssemblyPath() };
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Urls"] = baseUri.ToString().TrimEnd('/'),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = Path.Combine(directory, "data"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        commandLine.AddRange(all.Select(kv => $"--{kv.Key}={kv.Value}"));
        commandLine.AddRange(arguments ?? []);
        var process = ServerProcess.Start("twinhost", directory, DotnetPath(), commandLine, new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });
        try
        {
            await process.WaitUntilReadyAsync(
                async ct =>
                {
                    try
                    {
                        using var response = await Probe.GetAsync(new Uri(baseUri, "health/live"), ct);
                        return response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new TwinHost(process, baseUri, all);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client sending <paramref name="apiKey"/> as <c>Authorization: Bearer</c>; null: anonymous.</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>One check of the host's <c>GET /health</c>: its status and description.</summary>
    public async Task<(string Status, string Description)> HealthCheckAsync(string check, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var entry = json.RootElement.GetProperty("checks").GetProperty(check);
        return (entry.GetProperty("status").GetString()!, entry.GetProperty("description").GetString() ?? "");
    }

    /// <summary>The end of the host's output (standard output and error).</summary>
    public string ReadLog() => _process.ReadLog();

    /// <summary>The host's whole output so far, from its first line.</summary>
    public string ReadWholeLog()
    {
        using var stream = new FileStream(_process.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Kills the host at once, as <c>kill -9</c> would: no graceful shutdown.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>The host built in the same configuration as the running tests.</summary>
    private static string HostAssemblyPath()
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "bin", configuration, "net10.0", "UrbanTwin.TwinApi.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first", path);
    }

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
