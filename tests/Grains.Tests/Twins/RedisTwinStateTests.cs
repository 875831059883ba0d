using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.Grains.Twins;
using UrbanTwin.TestSupport.Servers;
using static UrbanTwin.Grains.Tests.Twins.TestReadings;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>
/// A node whose grain state is in Redis (<c>Orleans:ClusterMode=redis</c>, a real redis-server)
/// keeps all of a twin across a restart, the running means behind its air-quality index too,
/// not only what a twin shows.
/// </summary>
public sealed class RedisTwinStateTests : IAsyncLifetime
{
    private const long FirstHourMs = 1_557_216_000_000; // 2019-05-07T08:00:00Z
    private const long HourMs = 3_600_000;

    private readonly string _directory = ServerProcess.CreateDirectory("redis-twins");
    private readonly string _clusterId = "twins-" + Guid.NewGuid().ToString("N")[..8];
    private RedisServer _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_station_restarted_from_redis_scores_its_next_reading_as_one_that_never_stopped()
    {
        // A day of high PM2.5, stored in Redis by one node that then stops.
        using (var first = await StartNodeAsync())
        {
            var restarted = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IAssetTwinGrain>("redis-aq-restarted");
            await restarted.BindDeviceAsync("redis-aq-restarted-1", DeviceKind.AirQuality);
            await restarted.IngestAsync(HighDay("redis-aq-restarted-1"));
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        // The next node reads it back; beside it, a twin that lived through the same day without stopping.
        using var second = await StartNodeAsync();
        var grains = second.Services.GetRequiredService<IGrainFactory>();
        var twin = grains.GetGrain<IAssetTwinGrain>("redis-aq-restarted");
        var unbroken = grains.GetGrain<IAssetTwinGrain>("redis-aq-unbroken");
        await unbroken.BindDeviceAsync("redis-aq-unbroken-1", DeviceKind.AirQuality);
        await unbroken.IngestAsync(HighDay("redis-aq-unbroken-1"));

        await twin.IngestAsync(CleanHour("redis-aq-restarted-1"));
        await unbroken.IngestAsync(CleanHour("redis-aq-unbroken-1"));

        var expected = (await unbroken.GetSnapshotAsync()).AirQuality;
        Assert.NotNull(expected);
        Assert.True(expected.Index >= 7, $"a day at 60 µg/m³ and one clean hour still average high, got {expected.Index}");
        Assert.Equal(expected, (await twin.GetSnapshotAsync()).AirQuality);
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>PM2.5 at 60 µg/m³ every hour for 23 hours.</summary>
    private static TelemetryBatch HighDay(string deviceId) => new(
        deviceId,
        DeviceKind.AirQuality,
        FirstHourMs + (23 * HourMs),
        [.. Enumerable.Range(0, 23).Select(h => AReading((uint)h + 1, FirstHourMs + (h * HourMs) + 600_000, (AirQualityField.Pm25, 60)))],
        0,
        0,
        null);

    /// <summary>The 24th hour, clean air: its index averages the whole day.</summary>
    private static TelemetryBatch CleanHour(string deviceId) => new(
        deviceId,
        DeviceKind.AirQuality,
        FirstHourMs + (24 * HourMs) + 60_000,
        [AReading(24, FirstHourMs + (23 * HourMs) + 600_000, (AirQualityField.Pm25, 5))],
        0,
        0,
        null);

    private async Task<IHost> StartNodeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterMode"] = "redis",
            ["Orleans:RedisConnectionString"] = _redis.ConnectionString,
            ["Orleans:ClusterId"] = _clusterId,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = _directory,
            ["Twins:AirQualityInterval"] = "1.00:00:00",
        });
        builder.Services.AddSingleton(new TwinClock(new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(FirstHourMs + (24 * HourMs) + 120_000))));
        builder.AddUrbanTwinSilo();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
