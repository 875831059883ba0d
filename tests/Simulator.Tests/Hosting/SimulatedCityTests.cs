using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Devices;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Generation;
using UrbanTwin.Simulator.Provisioning;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Simulator.Tests.Hosting;

/// <summary>
/// The simulator through the real host: <c>--simulate</c> brings a city to life (assets registered,
/// devices online with readings, in London boroughs), a restart on the same data renews secrets
/// instead of failing, and a fleet provisioned over the HTTP API survives outages by uploading
/// its backlog.
/// </summary>
[Collection(SimulatedCityCollection.Name)]
public sealed class SimulatedCityTests(SimulatedCityFixture city)
{
    private static readonly TimeSpan Alive = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Simulate_registers_every_device_and_each_twin_comes_online_with_readings()
    {
        using var client = city.Admin();
        foreach (var device in FleetPlan.Create(SimulatedCityFixture.Devices))
        {
            var twin = (await Twins.AwaitAliveAsync(client, device.AssetId, DateTimeOffset.MinValue, Alive))!.Value;

            var asset = twin.GetProperty("asset");
            Assert.Equal(device.Kind.ToSegment(), asset.GetProperty("kind").GetString());
            Assert.StartsWith("E090000", asset.GetProperty("area").GetString(), StringComparison.Ordinal);
            Assert.Equal(DeviceGenerator.Firmware, twin.GetProperty("firmware").GetString());
            Assert.Equal(0, twin.GetProperty("counters").GetProperty("rejected").GetInt64());
        }
    }

    [Fact]
    public async Task Junctions_ask_for_priority_and_get_decisions()
    {
        using var client = city.Admin();
        var junction = FleetPlan.Create(SimulatedCityFixture.Devices).First(d => d.Kind == DeviceKind.BusPriority);

        var twin = await Eventually.WaitAsync(
            () => Twins.GetAsync(client, junction.AssetId),
            t => t is { } j && j.TryGetProperty("busPriority", out var stats) && stats.GetProperty("requests").GetInt64() > 0,
            Alive);

        Assert.True(twin!.Value.GetProperty("busPriority").GetProperty("granted").GetInt64() + twin.Value.GetProperty("busPriority").GetProperty("denied").GetInt64() > 0);
    }

    [Fact]
    public async Task Devices_provisioned_over_http_drop_off_and_upload_their_backlog_when_back()
    {
        using var client = city.Admin();
        var plan = FleetPlan.Create(3, seed: 2, idPrefix: "outage");
        var fleet = await new HttpFleetProvisioner(client).ProvisionAsync(plan, TestContext.Current.CancellationToken);
        Assert.Equal(3, fleet.Registered);
        Assert.Equal(plan, fleet.Devices.Select(d => d.Device));

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SimulatorMetrics(services.GetRequiredService<IMeterFactory>());
        var runner = new FleetRunner(
            new FleetRunOptions(new BrokerEndpoint("127.0.0.1", city.Host.MqttPort), new GeneratorOptions { Seed = 2, SpeedUp = 300 })
            {
                OutageInterval = TimeSpan.FromSeconds(2),
                OutageDuration = TimeSpan.FromSeconds(3),
                StartSpread = TimeSpan.Zero,
            },
            metrics,
            TimeProvider.System,
            NullLoggerFactory.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = runner.RunAsync(fleet.Devices, stop.Token);
        try
        {
            await Eventually.WaitAsync(() => Task.FromResult(metrics.BacklogArrays), uploaded => uploaded >= 3, Alive);
            var since = DateTimeOffset.UtcNow;
            foreach (var device in plan)
            {
                await Twins.AwaitAliveAsync(client, device.AssetId, since, Alive);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        Assert.Equal(0, metrics.ErrorReplies);
        foreach (var device in plan)
        {
            var twin = (await Twins.GetAsync(client, device.AssetId))!.Value;
            Assert.Equal(0, twin.GetProperty("counters").GetProperty("rejected").GetInt64());
        }
    }

    [Fact]
    public async Task Restarting_on_the_same_data_directory_renews_the_simulated_devices_instead_of_failing()
    {
        var data = ServerProcess.CreateDirectory("simulated-city-data");
        try
        {
            await using (var first = await TwinHost.StartAsync(city.Settings(data), city.Simulate))
            {
                using var client = first.CreateClient(SimulatedCityFixture.AdminKey);
                await Twins.AwaitAliveAsync(client, FleetPlan.Create(1)[0].AssetId, DateTimeOffset.MinValue, Alive);
            }

            var restarted = DateTimeOffset.UtcNow;
            await using var second = await TwinHost.StartAsync(city.Settings(data), city.Simulate);
            using var admin = second.CreateClient(SimulatedCityFixture.AdminKey);
            foreach (var device in FleetPlan.Create(SimulatedCityFixture.Devices))
            {
                await Twins.AwaitAliveAsync(admin, device.AssetId, restarted, Alive);
            }

            Assert.Contains(
                string.Create(CultureInfo.InvariantCulture, $"assets registered 0, secrets renewed {SimulatedCityFixture.Devices}"),
                second.ReadWholeLog(),
                StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
