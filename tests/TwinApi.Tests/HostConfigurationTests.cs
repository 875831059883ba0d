using System.Globalization;
using System.Text.Json;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>The host's settings do what the README's configuration table says, each on a host of its own.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public async Task The_ASPNETCORE_URLS_environment_variable_sets_where_the_api_listens()
    {
        // No --Urls on the command line: only the environment variable says where to listen.
        var urls = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";

        await using var host = await TwinHost.StartAsync(environment: new Dictionary<string, string> { ["ASPNETCORE_URLS"] = urls });
        using var client = host.CreateClient();
        using var live = await client.GetAsync(new Uri(urls + "/health/live"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain("Urls", host.Settings.Keys);
    }

    [Theory]
    [InlineData("Influx:Writer:BatchSize", "0")]
    [InlineData("Influx:Writer:QueueCapacity", "0")]
    [InlineData("Influx:Writer:FlushInterval", "00:00:00")]
    public async Task An_out_of_range_time_series_writer_setting_stops_the_host_at_start_naming_the_key(string key, string value)
    {
        // An InfluxDB URL, so the writer section is in use; nothing listens there, and nothing
        // needs to: the host must refuse before it tries.
        var (exitCode, log) = await TwinHost.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["Influx:Url"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/",
                [key] = value,
            },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(key + " must be between", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint must be an absolute http or https URL.")]
    [InlineData("Telemetry:IngestSampleRatio", "2", "Telemetry:IngestSampleRatio must be between 0 and 1.")]
    [InlineData("Telemetry:PrometheusPath", "metrics", "Telemetry:PrometheusPath must be empty or start with '/'.")]
    [InlineData("Orleans:SiloPort", "0", "Orleans:SiloPort must be between 1 and 65535.")]
    [InlineData("Orleans:ClusterId", "", "Orleans:ClusterId must not be empty.")]
    [InlineData("Storage:DataDirectory", "", "Storage:DataDirectory must not be empty.")]
    [InlineData("Twins:StaleCheckPeriod", "00:00:00", "Twins:StaleCheckPeriod must be between")]
    [InlineData("Mqtt:ReconnectMaxDelay", "00:00:00", "Mqtt:ReconnectMaxDelay must be between")]
    public async Task A_wrong_setting_stops_the_host_at_start_naming_the_key(string key, string value, string message)
    {
        var (exitCode, log) = await TwinHost.RunUntilExitAsync(new Dictionary<string, string> { [key] = value }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_clustering_without_a_connection_string_stops_the_host_at_start_naming_the_key()
    {
        // The silo's clustering is set up from this section before the host starts: it used to
        // fail there on the missing connection string with an ArgumentNullException.
        var (exitCode, log) = await TwinHost.RunUntilExitAsync(
            new Dictionary<string, string> { ["Orleans:ClusterMode"] = "redis", ["Orleans:AdvertisedAddress"] = "silo-1" },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Orleans:RedisConnectionString is required with Orleans:ClusterMode=redis.", log, StringComparison.Ordinal);
        Assert.Contains("Orleans:AdvertisedAddress 'silo-1' is not an IP address.", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Influx_basic_auth_without_a_password_stops_the_host_at_start()
    {
        var (exitCode, log) = await TwinHost.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["Influx:Url"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/",
                ["Influx:Auth"] = "basic",
                ["Influx:Username"] = "urbantwin",
            },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Influx:Auth is basic: Influx:Username and Influx:Password are required.", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_Console_FormatterName_json_writes_each_log_entry_as_one_json_line()
    {
        await using var host = await TwinHost.StartAsync(new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = HostFixture.AdminKey,
            ["Logging:Console:FormatterName"] = "json",
        });

        var lines = host.ReadWholeLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Contains(entries, e => e.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime"
            && e.GetProperty("LogLevel").GetString() == "Information"
            && e.GetProperty("Message").GetString()!.StartsWith("Now listening on: " + host.BaseUri.ToString().TrimEnd('/'), StringComparison.Ordinal));
    }
}
