using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>Cells write behind; what they hold is written by the time the node has stopped, and the area index with it.</summary>
public sealed class SpatialDurabilityTests
{
    [Fact]
    public async Task Cell_listings_and_the_area_index_survive_a_restart()
    {
        var dataDirectory = ServerProcess.CreateDirectory("spatial-durability");
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = "0",
        };
        var clock = new SettableClock(DateTimeOffset.Parse("2019-05-07T09:00:00Z", CultureInfo.InvariantCulture));
        var museum = new CellEntry("aq-museum", -0.1270, 51.5194, DeviceKind.AirQuality, AssetStatus.Ok, "E09000007", "British Museum");
        var palace = new CellEntry("ff-palace", -0.1246, 51.5007, DeviceKind.Footfall, AssetStatus.Alert, "E09000033", "Palace of Westminster");
        try
        {
            using (var first = await InProcessNode.StartAsync(dataDirectory, settings, clock))
            {
                var grains = first.Services.GetRequiredService<IGrainFactory>();
                foreach (var entry in new[] { museum, palace })
                {
                    await grains.GetGrain<ICellGrain>(Geohash.Encode(entry.Longitude, entry.Latitude)).UpsertAsync(entry);
                }

                await first.StopAsync(TestContext.Current.CancellationToken);
            }

            using var second = await InProcessNode.StartAsync(dataDirectory, settings, clock);
            var search = second.Services.GetRequiredService<SpatialSearch>();
            var camden = await search.InAreaAsync("E09000007", SpatialFilter.None, 10);
            var central = await search.InBoxAsync(new GeoBox(-0.2, 51.48, -0.05, 51.54), SpatialFilter.None, 10);

            Assert.Equal(museum, Assert.Single(camden.Items).Entry);
            Assert.Equal([museum, palace], central.Items.Select(h => h.Entry));
            await second.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
