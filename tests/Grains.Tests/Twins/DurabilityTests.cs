using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Twins;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>A node stopped and started again on the same data directory has its devices and twins back.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Restart_on_the_same_data_directory_keeps_devices_and_twin_state_and_watches_silent_devices()
    {
        var dataDirectory = ServerProcess.CreateDirectory("durability");
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = "0",
            ["Twins:StaleCheckPeriod"] = "00:00:00.2",
        };
        var clock = new SettableClock(DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture));
        try
        {
            string secret;
            TwinSnapshot before;
            using (var first = await InProcessNode.StartAsync(dataDirectory, settings, clock))
            {
                secret = await first.Services.GetRequiredService<DeviceProvisioner>().ProvisionAsync("aq-westminster-01", "asset-westminster", DeviceKind.AirQuality);
                await using (var device = await DeviceClient.ConnectAsync(port, "aq-westminster-01", secret))
                {
                    await device.PublishAsync(DeviceTopic.Status(DeviceKind.AirQuality, "aq-westminster-01"), """{"state":"online","firmware":"1.4.2"}""");
                    await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01"), """[{"seq":1,"ts":"2019-05-07T08:00:00Z","no2":31,"pm2_5":7},{"seq":2,"ts":"2019-05-07T09:00:00Z","no2":28}]""");
                }

                before = await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IAssetTwinGrain>("asset-westminster").GetSnapshotAsync();
                await first.StopAsync(TestContext.Current.CancellationToken);
            }

            // An hour later, nobody calls the twin: the node activates it at start and it notices
            // on its own that its device has gone silent.
            clock.Now = clock.Now.AddHours(1);
            using var second = await InProcessNode.StartAsync(dataDirectory, settings, clock);
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            var alerts = await Eventually.WaitAsync(
                () => grains.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).GetActiveAsync(),
                active => active.Any(a => a.AssetId == "asset-westminster"),
                TimeSpan.FromSeconds(20));
            var after = await grains.GetGrain<IAssetTwinGrain>("asset-westminster").GetSnapshotAsync();
            await using var again = await DeviceClient.ConnectAsync(port, "aq-westminster-01", secret);

            Assert.True(again.IsConnected, "the device's secret did not survive the restart");
            Assert.Equal(2, after.Accepted);
            Assert.Equal("1.4.2", after.Firmware);
            Assert.Equal(DeviceKind.AirQuality, after.Kind);
            Assert.Equal("aq-westminster-01", after.DeviceId);
            Assert.Equal(before.Latest, after.Latest);
            Assert.Contains(after.Latest, f => f.Field == "pm2_5" && f.Value == 7 && f.TimestampMs == 1_557_216_000_000);
            Assert.Contains(after.Latest, f => f.Field == "no2" && f.Value == 28 && f.TimestampMs == 1_557_219_600_000);
            Assert.Equal(AlertKind.Stale, Assert.Single(alerts, a => a.AssetId == "asset-westminster").Kind);
            await second.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task At_restart_only_the_twins_with_a_device_to_watch_stay_in_memory()
    {
        var dataDirectory = ServerProcess.CreateDirectory("restart-memory");
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = "0",
        };
        var clock = new SettableClock(DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture));
        try
        {
            using (var first = await InProcessNode.StartAsync(dataDirectory, settings, clock))
            {
                await OneReportingAndFortyQuietAsync(first, port);
                await first.StopAsync(TestContext.Current.CancellationToken);
            }

            using var second = await InProcessNode.StartAsync(dataDirectory, settings, clock);
            var warmup = second.Services.GetServices<IHostedService>().OfType<TwinWarmup>().Single();
            await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var management = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            var twinsInMemory = await Eventually.WaitAsync(
                async () => (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(nameof(AssetTwinGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount),
                count => count <= 1,
                TimeSpan.FromSeconds(30));

            // The watched twin is still active: its staleness timer keeps it.
            Assert.Equal(1, twinsInMemory);
            await second.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task After_a_clean_stop_the_next_start_wakes_only_the_twins_that_were_watching_their_devices()
    {
        var dataDirectory = ServerProcess.CreateDirectory("clean-stop");
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = "0",
        };
        var clock = new SettableClock(DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture));
        var marker = Path.Combine(dataDirectory, CleanStop.FileName);
        try
        {
            using (var first = await InProcessNode.StartAsync(dataDirectory, settings, clock))
            {
                var firstWarmup = first.Services.GetServices<IHostedService>().OfType<TwinWarmup>().Single();
                await firstWarmup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
                Assert.False(firstWarmup.AfterCleanStop);

                await OneReportingAndFortyQuietAsync(first, port);
                await first.StopAsync(TestContext.Current.CancellationToken);
            }

            Assert.Equal(["asset-westminster"], await File.ReadAllLinesAsync(marker, TestContext.Current.CancellationToken));

            using var second = await InProcessNode.StartAsync(dataDirectory, settings, clock);
            var warmup = second.Services.GetServices<IHostedService>().OfType<TwinWarmup>().Single();
            await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            // The 40 quiet counters' twins were not woken; the file is taken, so a crash from here on
            // would wake every twin at the next start.
            Assert.True(warmup.AfterCleanStop);
            Assert.Equal(1, warmup.Woken);
            Assert.False(File.Exists(marker));
            await second.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>An air-quality station that reports once (its twin then watches it) and 40 footfall counters that never do.</summary>
    private static async Task OneReportingAndFortyQuietAsync(IHost node, int port)
    {
        var provisioner = node.Services.GetRequiredService<DeviceProvisioner>();
        var secret = await provisioner.ProvisionAsync("aq-westminster-01", "asset-westminster", DeviceKind.AirQuality);
        for (var i = 0; i < 40; i++)
        {
            await provisioner.ProvisionAsync($"ff-camden-{i:D2}", $"asset-camden-{i:D2}", DeviceKind.Footfall);
        }

        await using var device = await DeviceClient.ConnectAsync(port, "aq-westminster-01", secret);
        await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":28}""");
    }
}
