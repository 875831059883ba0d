using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>Twins list themselves in their map cells; queries fan out over the covering cells.</summary>
[Collection(NodeCollection.Name)]
public sealed class SpatialCellTests(GatewayHostFixture fixture)
{
    // Central London and the area west of it to Heathrow (lon/lat boxes).
    private static readonly (double, double, double, double) Central = (-0.20, 51.48, -0.05, 51.54);
    private static readonly (double, double, double, double) West = (-0.50, 51.44, -0.40, 51.50);

    [Fact]
    public async Task Registered_assets_are_found_by_place_and_kind_and_follow_moves_status_and_decommissioning()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var museum = await RegisterAsync($"aq-museum-{run}", DeviceKind.AirQuality, "British Museum", -0.1270, 51.5194, "E09000007");
        var palace = await RegisterAsync($"ff-palace-{run}", DeviceKind.Footfall, "Palace of Westminster", -0.1246, 51.5007, "E09000033");
        var query = fixture.Host.Services.GetRequiredService<SpatialSearch>();

        var central = Mine(await QueryAsync(query, Central, null), run);
        var centralAir = Mine(await QueryAsync(query, Central, DeviceKind.AirQuality), run);

        await fixture.Grains.GetGrain<IAssetTwinGrain>(palace).RegisterAsync(new AssetRegistration(palace, DeviceKind.Footfall, "Heathrow arrivals", -0.4543, 51.4700, "E09000017", new Dictionary<string, string>()));
        var centralAfterMove = Mine(await QueryAsync(query, Central, null), run);
        var westAfterMove = Mine(await QueryAsync(query, West, null), run);

        await fixture.Grains.GetGrain<IAssetTwinGrain>(palace).DecommissionAsync();
        var westAfterDecommission = Mine(await QueryAsync(query, West, null), run);

        Assert.Equal([museum, palace], central.Select(e => e.AssetId));
        Assert.Equal([museum], centralAir.Select(e => e.AssetId));
        Assert.Equal("E09000007", central[0].AreaId);
        Assert.Equal("offline", central[0].Status);
        Assert.Equal([museum], centralAfterMove.Select(e => e.AssetId));
        Assert.Equal([palace], westAfterMove.Select(e => e.AssetId));
        Assert.Empty(westAfterDecommission);
        Assert.True((await fixture.TwinAsync(palace)).Decommissioned);
    }

    [Fact]
    public async Task A_rename_or_a_short_move_updates_the_listing_and_a_new_area_lists_the_asset()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var counter = await RegisterAsync($"ff-museum-street-{run}", DeviceKind.Footfall, "Museum Street", -0.1254, 51.5178, "E09000007");
        var query = fixture.Host.Services.GetRequiredService<SpatialSearch>();
        await RegisterAsync(counter, DeviceKind.Footfall, "Great Russell Street", -0.1262, 51.5183, "E09000007");

        var near = await query.NearestAsync(-0.1262, 51.5183, 1, new SpatialFilter(DeviceKind.Footfall));
        var camden = Mine([.. (await query.InAreaAsync("E09000007", SpatialFilter.None, SpatialSearch.MaxLimit)).Items.Select(h => h.Entry)], run);
        await RegisterAsync(counter, DeviceKind.Footfall, "Great Russell Street", -0.1262, 51.5183, "E09000033");
        var camdenAfter = Mine([.. (await query.InAreaAsync("E09000007", SpatialFilter.None, SpatialSearch.MaxLimit)).Items.Select(h => h.Entry)], run);
        var westminster = Mine([.. (await query.InAreaAsync("E09000033", SpatialFilter.None, SpatialSearch.MaxLimit)).Items.Select(h => h.Entry)], run);

        Assert.Equal(Geohash.Encode(-0.1254, 51.5178), Geohash.Encode(-0.1262, 51.5183));
        Assert.Equal(counter, near.Items[0].Entry.AssetId);
        Assert.Equal(0, near.Items[0].DistanceMetres);
        Assert.Equal("Great Russell Street", near.Items[0].Entry.Name);
        Assert.Equal(new CellEntry(counter, -0.1262, 51.5183, DeviceKind.Footfall, AssetStatus.Offline, "E09000007", "Great Russell Street"), Assert.Single(camden));
        Assert.Empty(camdenAfter);
        Assert.Equal("E09000033", Assert.Single(westminster).AreaId);
    }

    [Fact]
    public async Task A_reading_turns_the_assets_cell_entry_from_offline_to_ok()
    {
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture);
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-westminster-01", DeviceKind.AirQuality);
        await fixture.Grains.GetGrain<IAssetTwinGrain>(assetId).RegisterAsync(new AssetRegistration(assetId, DeviceKind.AirQuality, "Westminster station", -0.1318, 51.4945, "E09000033", new Dictionary<string, string> { ["site"] = "London Westminster" }));
        var query = fixture.Host.Services.GetRequiredService<SpatialSearch>();
        var before = (await QueryAsync(query, Central, DeviceKind.AirQuality)).Single(e => e.AssetId == assetId);

        await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-westminster-01", fixture.SecretOf("aq-westminster-01"));
        await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":28}""");
        var after = (await QueryAsync(query, Central, DeviceKind.AirQuality)).Single(e => e.AssetId == assetId);
        Assert.Equal("offline", before.Status);
        Assert.Equal("ok", after.Status);
        Assert.Equal("London Westminster", (await fixture.TwinAsync(assetId)).Registration!.Metadata["site"]);
    }

    private async Task<string> RegisterAsync(string assetId, DeviceKind kind, string name, double longitude, double latitude, string area)
    {
        await fixture.Grains.GetGrain<IAssetTwinGrain>(assetId).RegisterAsync(new AssetRegistration(assetId, kind, name, longitude, latitude, area, new Dictionary<string, string>()));
        return assetId;
    }

    private static async Task<IReadOnlyList<CellEntry>> QueryAsync(SpatialSearch query, (double MinLon, double MinLat, double MaxLon, double MaxLat) box, DeviceKind? kind)
    {
        var page = await query.InBoxAsync(new GeoBox(box.MinLon, box.MinLat, box.MaxLon, box.MaxLat), new SpatialFilter(kind), SpatialSearch.MaxLimit);
        Assert.Null(page.NextCursor);
        return [.. page.Items.Select(hit => hit.Entry)];
    }

    private static List<CellEntry> Mine(IReadOnlyList<CellEntry> entries, string run) => [.. entries.Where(e => e.AssetId.EndsWith(run, StringComparison.Ordinal))];
}
