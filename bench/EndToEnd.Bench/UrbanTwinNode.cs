using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UrbanTwin.Bench.Load;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// UrbanTwin: the single-node host process as an operator runs it (the built TwinApi, settings on
/// its command line) with <c>Influx:Url</c> on the shared influxd and a fresh database; the fleet
/// imported through <c>POST /api/assets/import</c>, each device connecting with the secret it got.
/// Embedded broker, or <c>Mqtt:Mode=external</c> behind mosquitto started on the password and ACL
/// files the host writes (docs/mosquitto.md). The probes' twin events come from <c>GET /api/live</c>.
/// </summary>
public static class UrbanTwinNode
{
    private const string GatewayUser = "urbantwin-gateway";
    private static readonly string AdminKey = "ut_e2e_" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
    /// <summary>The host with the embedded broker: the throughput run, then the paced run, as the options ask.</summary>
    public static async Task<IReadOnlyList<ScenarioResult>> RunEmbeddedAsync(E2eOptions options, BenchFleet fleet, IPayloadSource payloads, InfluxDatabase database, ProcessUsage influx, CancellationToken cancellationToken)
    {
        await using var host = await StartHostAsync(database, new Dictionary<string, string>());
        var system = ProcessUsage.Find("UrbanTwin host", host.Settings["Storage:DataDirectory"]);
        var (registered, apiKey) = await RegisterAsync(host, fleet, cancellationToken);
        await using var live = await LiveStreamWatcher.OpenAsync(host.BaseUri, apiKey, BenchFleet.ProbeBox, TimeSpan.FromSeconds(30));
        var run = new PipelineRun("UrbanTwin", host.MqttPort, registered, payloads, database, system, influx, options) { Live = live };
        var results = new List<ScenarioResult>();
        try
        {
            await run.WarmUpAsync(options.WarmupPerDevice(options.ReadingsPerDevice), cancellationToken);
            if (options.Runs("embedded"))
            {
                var before = await JournalAsync(host, cancellationToken);
                var measured = await run.MeasureAsync("UrbanTwin, embedded broker", options.ReadingsPerDevice, null, cancellationToken);
                results.Add(measured with { Note = measured.Note + "; " + JournalNote(before, await JournalAsync(host, cancellationToken)) });
            }

            if (options.Runs("paced"))
            {
                var perDevice = Math.Max(1, options.PacedRate * options.PacedSeconds / fleet.Load.Count);
                var before = await JournalAsync(host, cancellationToken);
                var paced = await run.MeasureAsync($"UrbanTwin, embedded broker, load paced at {options.PacedRate:N0}/s", perDevice, options.PacedRate, cancellationToken);
                results.Add(paced with { Kind = "paced", Note = paced.Note + "; " + JournalNote(before, await JournalAsync(host, cancellationToken)) });
            }
        }
        finally
        {
            await run.StopAsync();
        }

        return results;
    }

    /// <summary>The journal's group commits and the messages they made durable so far, from the node's /health.</summary>
    private static async Task<(long Commits, long Messages)> JournalAsync(TwinHost host, CancellationToken cancellationToken)
    {
        var (_, description) = await host.HealthCheckAsync("journal", cancellationToken);
        var match = System.Text.RegularExpressions.Regex.Match(description, @"([\d,]+) messages in ([\d,]+) fsyncs");
        return match.Success
            ? (long.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))
            : (0, 0);
    }

    private static string JournalNote((long Commits, long Messages) before, (long Commits, long Messages) after)
    {
        var (commits, messages) = (after.Commits - before.Commits, after.Messages - before.Messages);
        return commits <= 0 ? "journal: n/a" : string.Create(CultureInfo.InvariantCulture, $"journal: {messages:N0} messages in {commits:N0} fsyncs, {(double)messages / commits:0.0} per fsync");
    }

    /// <summary>The host as a client of mosquitto, which authenticates the devices from the files the host writes.</summary>
    public static async Task<ScenarioResult> RunExternalAsync(E2eOptions options, BenchFleet fleet, IPayloadSource payloads, InfluxDatabase database, ProcessUsage influx, CancellationToken cancellationToken)
    {
        var brokerPort = FreePort.Next();
        var gatewayPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        // The pid file mosquitto writes and the host reads to signal it after the files change.
        var pidFile = Path.Combine(Path.GetTempPath(), $"urbantwin-e2e-mosquitto-{Guid.NewGuid():N}.pid");
        await using var host = await StartHostAsync(database, new Dictionary<string, string>
        {
            ["Mqtt:Mode"] = "external",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Username"] = GatewayUser,
            ["Mqtt:Password"] = gatewayPassword,
            ["Mqtt:ClientId"] = "urbantwin-gateway-e2e",
            ["Mqtt:SharedGroup"] = "",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:01",
            ["Mqtt:AuthFilesDirectory"] = "mosquitto",
            ["Mqtt:BrokerPidFile"] = pidFile,
        });
        var dataDirectory = host.Settings["Storage:DataDirectory"];
        var authDirectory = Path.Combine(dataDirectory, "mosquitto");
        var (registered, apiKey) = await RegisterAsync(host, fleet, cancellationToken);

        // mosquitto starts once the host has written every device into its password file.
        var passwd = Path.Combine(authDirectory, "passwd");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(passwd) || File.ReadAllLines(passwd).Length < registered.All.Count() + 1)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the host did not write mosquitto's password file within 60 s");
            }

            await Task.Delay(100, cancellationToken);
        }

        await using var broker = await MosquittoServer.StartAsync(
            [
                "allow_anonymous false",
                "password_file " + passwd,
                "acl_file " + Path.Combine(authDirectory, "acl"),
                "pid_file " + pidFile,
                .. MosquittoAlone.Unbounded,
            ],
            brokerPort);
        await WaitUntilReadyAsync(host, cancellationToken);
        var system = ProcessUsage.Together("mosquitto + UrbanTwin host", ProcessUsage.Find("mosquitto", broker.Directory), ProcessUsage.Find("UrbanTwin host", dataDirectory));
        await using var live = await LiveStreamWatcher.OpenAsync(host.BaseUri, apiKey, BenchFleet.ProbeBox, TimeSpan.FromSeconds(30));
        var run = new PipelineRun("UrbanTwin", brokerPort, registered, payloads, database, system, influx, options) { Live = live };
        try
        {
            await run.WarmUpAsync(options.WarmupPerDevice(options.ReadingsPerDevice), cancellationToken);
            return await run.MeasureAsync("UrbanTwin, external mode behind mosquitto", options.ReadingsPerDevice, null, cancellationToken);
        }
        finally
        {
            await run.StopAsync();
        }
    }

    private static async Task<TwinHost> StartHostAsync(InfluxDatabase database, IReadOnlyDictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Influx:Url"] = database.Url.ToString(),
            ["Influx:Database"] = database.Name,
            ["Mqtt:TlsPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return await TwinHost.StartAsync(settings);
    }

    /// <summary>Imports the fleet through the API and returns it with each device's secret, and the key used.</summary>
    private static async Task<(BenchFleet Fleet, string ApiKey)> RegisterAsync(TwinHost host, BenchFleet fleet, CancellationToken cancellationToken)
    {
        using var http = host.CreateClient(AdminKey);
        http.Timeout = TimeSpan.FromMinutes(5);
        using var response = await http.PostAsync(new Uri("api/assets/import", UriKind.Relative), new StringContent(fleet.ImportCsv(), Encoding.UTF8, new MediaTypeHeaderValue("text/csv")), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var imported = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken) ?? throw new InvalidOperationException("empty import answer");
        var secrets = imported.RootElement.GetProperty("assets").EnumerateArray().ToDictionary(
            a => a.GetProperty("deviceId").GetString()!,
            a => a.GetProperty("secret").GetString() ?? throw new InvalidOperationException("an asset was registered twice"));
        return (fleet.WithSecrets(secrets), AdminKey);
    }

    /// <summary>Waits until <c>GET /health</c> says ready (broker connected, InfluxDB reachable).</summary>
    private static async Task WaitUntilReadyAsync(TwinHost host, CancellationToken cancellationToken)
    {
        using var http = host.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using (var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken))
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"the host was not ready within 60 s: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
