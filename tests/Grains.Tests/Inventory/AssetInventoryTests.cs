using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Inventory;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Inventory;

/// <summary>Twins list themselves in their kind's inventory while in service; the shards write behind and keep it across a restart.</summary>
[Collection(NodeCollection.Name)]
public sealed class AssetInventoryTests(GatewayHostFixture fixture)
{
    [Fact]
    public async Task Registered_assets_are_listed_by_kind_in_id_order_until_decommissioned()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var inventory = fixture.Host.Services.GetRequiredService<AssetInventory>();
        var counters = new[] { $"ff-c-{run}", $"ff-a-{run}", $"ff-b-{run}" };
        foreach (var id in counters)
        {
            await RegisterAsync(fixture.Grains, id, DeviceKind.Footfall);
        }

        await RegisterAsync(fixture.Grains, $"aq-a-{run}", DeviceKind.AirQuality);
        await RegisterAsync(fixture.Grains, counters[0], DeviceKind.Footfall);
        var footfall = Mine(await inventory.ListAsync(DeviceKind.Footfall), run);
        var air = Mine(await inventory.ListAsync(DeviceKind.AirQuality), run);

        await fixture.Grains.GetGrain<IAssetTwinGrain>(counters[1]).DecommissionAsync();
        var afterDecommission = Mine(await inventory.ListAsync(DeviceKind.Footfall), run);

        Assert.Equal([$"ff-a-{run}", $"ff-b-{run}", $"ff-c-{run}"], footfall);
        Assert.Equal([$"aq-a-{run}"], air);
        Assert.Equal([$"ff-b-{run}", $"ff-c-{run}"], afterDecommission);
        Assert.True(await inventory.CountAsync(DeviceKind.Footfall) >= 2);
    }

    [Fact]
    public async Task A_bulk_registration_is_listed_again_after_a_restart()
    {
        var dataDirectory = ServerProcess.CreateDirectory("inventory-durability");
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = "0",
        };
        var clock = new SettableClock(DateTimeOffset.Parse("2019-05-07T09:00:00Z", CultureInfo.InvariantCulture));
        var ids = Enumerable.Range(0, 500).Select(i => string.Create(CultureInfo.InvariantCulture, $"bp-junction-{i:D4}")).ToList();
        try
        {
            using (var first = await InProcessNode.StartAsync(dataDirectory, settings, clock))
            {
                var grains = first.Services.GetRequiredService<IGrainFactory>();
                await Task.WhenAll(ids.Select(id => RegisterAsync(grains, id, DeviceKind.BusPriority)));
                await first.StopAsync(TestContext.Current.CancellationToken);
            }

            using var second = await InProcessNode.StartAsync(dataDirectory, settings, clock);
            var listed = await second.Services.GetRequiredService<AssetInventory>().ListAsync(DeviceKind.BusPriority);

            Assert.Equal(ids, listed);
            Assert.Empty(await second.Services.GetRequiredService<AssetInventory>().ListAsync(DeviceKind.Footfall));
            await second.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Task RegisterAsync(IGrainFactory grains, string id, DeviceKind kind) =>
        grains.GetGrain<IAssetTwinGrain>(id).RegisterAsync(new AssetRegistration(id, kind, "Oxford Circus", -0.1419, 51.5152, "E09000033", new Dictionary<string, string>()));

    private static List<string> Mine(IReadOnlyList<string> ids, string run) => [.. ids.Where(id => id.EndsWith(run, StringComparison.Ordinal))];
}
