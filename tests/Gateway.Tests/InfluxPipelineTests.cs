using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.Gateway.Tests;

/// <summary>With <c>Influx:Url</c> set, a device's readings go over MQTT, through its twin and the buffered writer into a real influxd.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxPipelineTests(InfluxFixture influx)
{
    [Fact]
    public async Task Reading_published_over_mqtt_is_stored_in_influxdb_with_its_asset_and_kind_tags()
    {
        var dataDirectory = ServerProcess.CreateDirectory("influx-node");
        var port = FreePort.Next();
        var now = DateTimeOffset.UtcNow;
        var clock = new SettableClock(now);
        var database = "pipeline_" + Guid.NewGuid().ToString("N")[..8];
        var host = await InProcessNode.StartAsync(
            dataDirectory,
            new Dictionary<string, string?>
            {
                ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Mqtt:TlsPort"] = "0",
                ["Influx:Url"] = influx.Server.BaseUri.ToString(),
                ["Influx:Database"] = database,
            },
            clock);
        try
        {
            var secret = await host.Services.GetRequiredService<DeviceProvisioner>().ProvisionAsync("aq-camden-02", "asset-camden", DeviceKind.AirQuality);
            await using (var device = await DeviceClient.ConnectAsync(port, "aq-camden-02", secret))
            {
                await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02"), $$"""{"seq":1,"ts":{{now.AddMinutes(-1).ToUnixTimeMilliseconds()}},"no2":28.5,"battery":3.9}""");
            }

            var store = host.Services.GetRequiredService<ITimeSeriesStore>();
            await store.FlushAsync(TestContext.Current.CancellationToken);
            var client = new InfluxClient(new HttpClient(), new InfluxOptions { Url = influx.Server.BaseUri, Database = database });

            // The reading may have come before the node had created its database: then it waits in
            // the spool, and is sent once the database and its retention policies exist.
            using var result = await Eventually.WaitAsync(
                () => client.QueryAsync("SELECT \"no2\", \"battery\", \"kind\" FROM \"raw\".\"air_quality\" WHERE \"asset\" = $asset", new Dictionary<string, object> { ["asset"] = "asset-camden" }, TestContext.Current.CancellationToken),
                r => r.RootElement.GetProperty("results")[0].TryGetProperty("series", out _),
                TimeSpan.FromSeconds(30));
            var row = result.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0];
            using var policies = await client.QueryAsync("SHOW RETENTION POLICIES", new Dictionary<string, object>(), TestContext.Current.CancellationToken);

            Assert.Equal(now.AddMinutes(-1).ToUnixTimeMilliseconds(), row[0].GetInt64());
            Assert.Equal(28.5, row[1].GetDouble());
            Assert.Equal(3.9, row[2].GetDouble());
            Assert.Equal("air-quality", row[3].GetString());
            var names = policies.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v[0].GetString()).ToList();
            Assert.Contains("raw", names);
            Assert.Contains("by_minute", names);
            Assert.Contains("by_hour", names);
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
            host.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private const int Readings = 60;

    [Fact]
    public async Task Spool_filling_while_influxdb_is_down_raises_a_city_alert_that_clears_when_it_drains()
    {
        await using var ownInflux = await InfluxServer.StartAsync();
        var dataDirectory = ServerProcess.CreateDirectory("spool-node");
        var port = FreePort.Next();
        var now = DateTimeOffset.UtcNow;
        var host = await InProcessNode.StartAsync(
            dataDirectory,
            new Dictionary<string, string?>
            {
                ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Mqtt:TlsPort"] = "0",
                ["Influx:Url"] = ownInflux.BaseUri.ToString(),
                // Batches of at most 5 points (~500 bytes) against a 4 KiB bound: the spool passes
                // 80% before a batch has to wait for room, whatever the timing.
                ["Influx:Writer:SpoolMaxBytes"] = "4096",
                ["Influx:Writer:BatchSize"] = "5",
                ["Influx:Writer:FlushInterval"] = "00:00:00.1",
            },
            new SettableClock(now));
        try
        {
            var store = host.Services.GetRequiredService<ITimeSeriesStore>();
            await Eventually.WaitAsync(async () => { try { await store.InitializeAsync(TestContext.Current.CancellationToken); return true; } catch (InfluxException) { return false; } }, ok => ok, TimeSpan.FromSeconds(30));
            var secret = await host.Services.GetRequiredService<DeviceProvisioner>().ProvisionAsync("aq-camden-02", "asset-spool", DeviceKind.AirQuality);
            await ownInflux.StopAsync();
            await using var device = await DeviceClient.ConnectAsync(port, "aq-camden-02", secret);

            // Published in the background: once the spool is full, ingestion waits (backpressure) until InfluxDB is back.
            var publishing = Task.Run(async () =>
            {
                for (var seq = 0; seq < Readings; seq++)
                {
                    await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02"), $$"""{"seq":{{seq}},"ts":{{now.AddMinutes(-30).AddSeconds(seq).ToUnixTimeMilliseconds()}},"no2":{{seq}}}""");
                }
            }, TestContext.Current.CancellationToken);

            var writer = host.Services.GetRequiredService<UrbanTwin.TimeSeries.Writing.TimeSeriesWriter>();
            await Eventually.WaitAsync(() => Task.FromResult(writer.SpoolBytes), b => b > 4096 * 8 / 10, TimeSpan.FromSeconds(30));
            var book = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertBookGrain>(IAlertBookGrain.Key);
            var raised = await Eventually.WaitAsync(() => book.GetActiveAsync(), a => a.Any(x => x.Kind == AlertKind.TimeSeriesSpoolFilling), TimeSpan.FromSeconds(30));

            await ownInflux.RestartAsync();
            await publishing.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var cleared = await Eventually.WaitAsync(() => book.GetActiveAsync(), a => a.All(x => x.Kind != AlertKind.TimeSeriesSpoolFilling), TimeSpan.FromSeconds(60));
            var client = new InfluxClient(new HttpClient(), new InfluxOptions { Url = ownInflux.BaseUri, Database = "urbantwin" });
            var stored = await Eventually.WaitAsync(() => CountAsync(client), n => n >= Readings, TimeSpan.FromSeconds(60));

            Assert.Equal(SpoolWatch.AssetId, Assert.Single(raised, a => a.Kind == AlertKind.TimeSeriesSpoolFilling).AssetId);
            Assert.DoesNotContain(cleared, a => a.Kind == AlertKind.TimeSeriesSpoolFilling);
            Assert.Equal(Readings, stored);
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
            host.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<long> CountAsync(InfluxClient client)
    {
        using var count = await client.QueryAsync("SELECT count(\"no2\") FROM \"raw\".\"air_quality\"", new Dictionary<string, object>(), TestContext.Current.CancellationToken);
        var result = count.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("series", out var series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
    }
}
