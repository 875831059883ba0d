using NetTopologySuite.Geometries;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>The edges of the map: exact boundaries, the antimeridian, the poles, and updates seen at once. Each test uses its own place.</summary>
[Collection(SpatialNodeCollection.Name)]
public sealed class SpatialEdgeTests(SpatialNodeFixture node)
{
    [Fact]
    public async Task An_asset_exactly_at_the_radius_is_found_and_not_from_a_hair_less()
    {
        var (lon, lat) = (2.3522, 48.8566); // Paris
        var asset = Entry("paris-rivoli", 2.3601, 48.8600);
        await node.ListAsync([asset]);
        var radius = Geodesic.DistanceMetres(lon, lat, asset.Longitude, asset.Latitude);

        var at = await node.Search.InRadiusAsync(lon, lat, radius, SpatialFilter.None, 10);
        var within = await node.Search.InRadiusAsync(lon, lat, Math.BitDecrement(radius), SpatialFilter.None, 10);

        Assert.Equal(radius, Assert.Single(at.Items).DistanceMetres);
        Assert.Empty(within.Items);
    }

    [Fact]
    public async Task A_box_whose_edges_run_through_an_asset_includes_it()
    {
        var asset = Entry("paris-eiffel", 2.2945, 48.8584);
        await node.ListAsync([asset]);

        var onEdges = await node.Search.InBoxAsync(new GeoBox(2.2945, 48.8584, 2.2945, 48.8584), SpatialFilter.None, 10);
        var west = await node.Search.InBoxAsync(new GeoBox(2.2, 48.8, Math.BitDecrement(2.2945), 48.9), SpatialFilter.None, 10);

        Assert.Equal(asset, Assert.Single(onEdges.Items).Entry);
        Assert.Empty(west.Items);
    }

    [Fact]
    public async Task Boxes_circles_and_nearest_reach_across_the_antimeridian()
    {
        var east = Entry("fiji-east", 179.99, -17.8);
        var west = Entry("fiji-west", -179.99, -17.8);
        var far = Entry("fiji-far", 179.0, -17.8);
        await node.ListAsync([east, west, far]);

        var box = await node.Search.InBoxAsync(new GeoBox(179.9, -17.9, -179.9, -17.7), SpatialFilter.None, 10);
        var westOnly = await node.Search.InBoxAsync(new GeoBox(-180, -17.9, -179.9, -17.7), SpatialFilter.None, 10);
        var circle = await node.Search.InRadiusAsync(179.995, -17.8, 2_000, SpatialFilter.None, 10);
        var nearest = await node.Search.NearestAsync(-179.999, -17.8, 2, SpatialFilter.None);

        Assert.Equal([east.AssetId, west.AssetId], Ids(box));
        Assert.Equal([west.AssetId], Ids(westOnly));
        Assert.Equal([east.AssetId, west.AssetId], Ids(circle));
        Assert.Equal(Geodesic.DistanceMetres(179.995, -17.8, -179.99, -17.8), circle.Items[1].DistanceMetres);
        Assert.InRange(circle.Items[1].DistanceMetres!.Value, 1_580, 1_600);
        Assert.Equal([west.AssetId, east.AssetId], Ids(nearest));
    }

    [Fact]
    public async Task A_polygon_across_the_antimeridian_given_as_a_multipolygon_finds_both_sides()
    {
        var east = Entry("tonga-east", 179.95, -21.1);
        var west = Entry("tonga-west", -179.95, -21.1);
        await node.ListAsync([east, west]);
        var polygon = GeoFactory.Wgs84.CreateMultiPolygon(
        [
            Rectangle(179.9, -21.2, 180, -21.0),
            Rectangle(-180, -21.2, -179.9, -21.0),
        ]);

        var found = await node.Search.InPolygonAsync(polygon, SpatialFilter.None, 10);

        Assert.Equal([east.AssetId, west.AssetId], Ids(found));
    }

    [Fact]
    public async Task Near_the_pole_a_small_circle_and_nearest_work_and_a_circle_round_the_pole_is_refused()
    {
        var first = Entry("pole-a", 10, 89.99);
        var second = Entry("pole-b", 10.5, 89.99);
        await node.ListAsync([first, second]);

        var circle = await node.Search.InRadiusAsync(10, 89.99, 100, SpatialFilter.None, 10);
        var nearest = await node.Search.NearestAsync(10, 89.99, 2, SpatialFilter.None);
        var roundThePole = await Assert.ThrowsAsync<SpatialQueryException>(() => node.Search.InRadiusAsync(10, 89.99, 2_000, SpatialFilter.None, 10));
        var moreThanThere = await Assert.ThrowsAsync<SpatialQueryException>(() => node.Search.NearestAsync(10, 89.99, 3, SpatialFilter.None));

        Assert.Equal([first.AssetId, second.AssetId], Ids(circle));
        Assert.InRange(circle.Items[1].DistanceMetres!.Value, 9, 10); // 0.5° of longitude, 1.1 km from the pole
        Assert.Equal([first.AssetId, second.AssetId], Ids(nearest));
        Assert.Equal(SpatialQueryReasons.TooManyCells, roundThePole.Reason);
        Assert.Equal(SpatialQueryReasons.TooManyCells, moreThanThere.Reason);
    }

    [Fact]
    public async Task Status_changes_moves_additions_and_removals_show_in_the_next_query()
    {
        var (lon, lat) = (-3.7038, 40.4168); // Madrid
        var kiosk = Entry("madrid-kiosk", -3.7040, 40.4170);
        await node.ListAsync([kiosk]);
        var before = await node.Search.InRadiusAsync(lon, lat, 500, new SpatialFilter(Status: AssetStatus.Alert), 10);

        var cell = node.Grains.GetGrain<ICellGrain>(Geohash.Encode(kiosk.Longitude, kiosk.Latitude));
        await cell.UpsertAsync(kiosk with { Status = AssetStatus.Alert, Longitude = -3.7039 });
        var alert = await node.Search.InRadiusAsync(lon, lat, 500, new SpatialFilter(Status: AssetStatus.Alert), 10);
        var counter = Entry("madrid-counter", -3.7030, 40.4160);
        await cell.UpsertAsync(counter);
        var both = await node.Search.InRadiusAsync(lon, lat, 500, SpatialFilter.None, 10);
        await cell.RemoveAsync(kiosk.AssetId);
        var after = await node.Search.InRadiusAsync(lon, lat, 500, SpatialFilter.None, 10);

        Assert.Empty(before.Items);
        Assert.Equal(kiosk with { Status = AssetStatus.Alert, Longitude = -3.7039 }, Assert.Single(alert.Items).Entry);
        Assert.Equal(2, both.Items.Count);
        Assert.Equal([counter.AssetId], Ids(after));
    }

    [Fact]
    public async Task Pages_of_assets_at_one_spot_come_in_asset_id_order_and_end()
    {
        var (lon, lat) = (12.4924, 41.8902); // the Colosseum
        var assets = new[] { "rome-e", "rome-a", "ROME-z", "rome-c", "rome-b" }.Select(id => Entry(id, lon, lat)).ToList();
        await node.ListAsync(assets);

        var pages = new List<SpatialPage>();
        string? cursor = null;
        do
        {
            pages.Add(await node.Search.InRadiusAsync(lon, lat, 10, SpatialFilter.None, 2, cursor));
            cursor = pages[^1].NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(["ROME-z", "rome-a", "rome-b", "rome-c", "rome-e"], pages.SelectMany(Ids));
        Assert.All(pages.SelectMany(p => p.Items), hit => Assert.Equal(0, hit.DistanceMetres));
    }

    private static CellEntry Entry(string id, double lon, double lat) =>
        new(id, lon, lat, DeviceKind.AirQuality, AssetStatus.Ok, null, id);

    private static List<string> Ids(SpatialPage page) => [.. page.Items.Select(h => h.Entry.AssetId)];

    private static Polygon Rectangle(double minLon, double minLat, double maxLon, double maxLat) =>
        GeoFactory.Wgs84.CreatePolygon([new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat)]);
}
