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
    /// <param name="environment">
    /// Environment variables for the host. When it holds <c>ASPNETCORE_URLS</c>, that is where the
    /// host is expected to listen and no <c>--Urls</c> is passed, as in a container.
    /// </param>
    public static async Task<TwinHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (directory, baseUri, commandLine, all, variables) = Prepare(settings, arguments, environment);
        var process = ServerProcess.Start("twinhost", directory, DotnetPath(), commandLine, variables);
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

    /// <summary>
    /// Starts the host with settings it is expected to refuse, and waits for it to exit: its exit
    /// code and whole output. Fails if it is still running after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Log)> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var (directory, _, commandLine, _, variables) = Prepare(settings, null, null);
        await using var process = ServerProcess.Start("twinhost", directory, DotnetPath(), commandLine, variables);
        var exitCode = await process.WaitForExitAsync(timeout);
        return (exitCode, process.ReadLog());
    }

    private static (string Directory, Uri BaseUri, List<string> CommandLine, Dictionary<string, string> Settings, Dictionary<string, string> Environment) Prepare(
        IReadOnlyDictionary<string, string>? settings, IReadOnlyList<string>? arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var directory = ServerProcess.CreateDirectory("twinhost");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_ENVIRONMENT"] = "Production" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var urlsFromEnvironment = variables.TryGetValue("ASPNETCORE_URLS", out var urls);

        // Settings may name several URLs (an https one beside plain http): the first is where the tests call.
        var urlsFromSettings = settings?.TryGetValue("Urls", out urls) == true;
        var baseUri = new Uri((urlsFromEnvironment || urlsFromSettings ? urls!.Split(';')[0] : $"http://127.0.0.1:{FreePort.Next()}").TrimEnd('/') + "/");
        var commandLine = new List<string> { HostAssemblyPath() };
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = Path.Combine(directory, "data"),
        };
        if (!urlsFromEnvironment && !urlsFromSettings)
        {
            all["Urls"] = baseUri.ToString().TrimEnd('/');
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        commandLine.AddRange(all.Select(kv => $"--{kv.Key}={kv.Value}"));
        commandLine.AddRange(arguments ?? []);
        return (directory, baseUri, commandLine, all, variables);
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
    /// <summary>Where the built host and its assemblies are, for tests that read their types.</summary>
    public static string HostDirectory => Path.GetDirectoryName(HostAssemblyPath())!;

    private static string HostAssemblyPath()
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "bin", configuration, "net10.0", "UrbanTwin.TwinApi.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first", path);
    }

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
