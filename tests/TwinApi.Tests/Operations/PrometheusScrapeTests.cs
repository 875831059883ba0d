using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests.Operations;

/// <summary>
/// A real Prometheus server scrapes the node with a <c>monitor</c> key and sees readings arrive;
/// the scrape endpoint is closed to anonymous callers, and a monitor key opens nothing else.
/// </summary>
public sealed partial class PrometheusScrapeTests
{
    private const string AdminKey = "prometheus-admin-key-4c6e8a0b2d4f6a8c0e2b";

    [Fact]
    public async Task Prometheus_with_a_monitor_key_sees_the_rate_of_accepted_readings_and_the_spool_journal_and_storage_log_gauges()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var host = await TwinHost.StartAsync(new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Influx:Url"] = influx.BaseUri.ToString(),
        });
        using var admin = host.CreateClient(AdminKey);
        var monitor = await ApiKeys.IssueAsync(admin, "monitor", name: "prometheus");

        using (var anonymous = host.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
        }

        using (var monitorClient = host.CreateClient(monitor.Key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await monitorClient.GetAsync("/api/assets", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await monitorClient.GetAsync("/api/keys", TestContext.Current.CancellationToken)).StatusCode);
        }

        await using var prometheus = await PrometheusServer.StartAsync(host.BaseUri.Authority, "/metrics", monitor.Key);
        var asset = AssetBuilder.AirQuality();
        var secret = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;
        await using var device = await DeviceClient.ConnectAsync(host.MqttPort, asset.Id, secret);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var seq = 0;

        // Readings keep arriving until Prometheus has seen the counter rise between two scrapes.
        var rate = await Eventually.WaitAsync(
            async () =>
            {
                seq++;
                var reading = string.Create(CultureInfo.InvariantCulture, $$"""{"seq":{{seq}},"ts":{{start.AddSeconds(seq).ToUnixTimeMilliseconds()}},"no2":{{20 + (seq % 30)}}}""");
                Assert.True((await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, asset.Id), reading)).IsSuccess);
                return await prometheus.QueryAsync("sum(rate(urbantwin_ingest_readings_accepted_total[10s]))", TestContext.Current.CancellationToken);
            },
            result => result.Count == 1 && result[0].Value > 0,
            TimeSpan.FromSeconds(60));
        Assert.True(rate[0].Value > 0);

        var up = await prometheus.QueryAsync("up{job=\"urbantwin\"}", TestContext.Current.CancellationToken);
        Assert.Equal(1, Assert.Single(up).Value);
        Assert.NotEmpty(await prometheus.QueryAsync("urbantwin_journal_bytes", TestContext.Current.CancellationToken));
        Assert.NotEmpty(await prometheus.QueryAsync("urbantwin_timeseries_spool_bytes", TestContext.Current.CancellationToken));
        Assert.NotEmpty(await prometheus.QueryAsync("urbantwin_storage_log_bytes", TestContext.Current.CancellationToken));
        Assert.NotEmpty(await prometheus.QueryAsync("orleans_catalog_activations", TestContext.Current.CancellationToken));
        Assert.NotEmpty(await prometheus.QueryAsync("http_server_request_duration_seconds_count", TestContext.Current.CancellationToken));

        // Every series of ours the node exports is listed, under the same name, in docs/operations.md.
        using var scrape = host.CreateClient(monitor.Key);
        var exposition = await scrape.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var documented = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"), TestContext.Current.CancellationToken);
        var ours = exposition.Split('\n')
            .Where(line => line.StartsWith("urbantwin_", StringComparison.Ordinal))
            .Select(line => SeriesName().Match(line).Groups["name"].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("urbantwin_ingest_readings_accepted_total", ours);
        Assert.All(ours, name => Assert.True(documented.Contains($"`{name}`", StringComparison.Ordinal), $"{name} is exported but not in docs/operations.md"));
    }

    /// <summary>A series' metric name without a histogram's <c>_bucket</c>, <c>_sum</c> or <c>_count</c>.</summary>
    [GeneratedRegex(@"^(?<name>[a-z_]+?)(_bucket|_sum|_count)?[{ ]")]
    private static partial Regex SeriesName();
}
