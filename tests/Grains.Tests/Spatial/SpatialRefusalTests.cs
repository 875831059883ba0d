using NetTopologySuite.Geometries;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>Queries the engine refuses, each with its stable reason, before any cell is asked.</summary>
[Collection(SpatialNodeCollection.Name)]
public sealed class SpatialRefusalTests(SpatialNodeFixture node)
{
    private static readonly SpatialFilter Any = SpatialFilter.None;

    private SpatialSearch Search => node.Search;

    [Fact]
    public async Task Coordinates_out_of_range_or_not_numbers_are_refused()
    {
        await RefusedAsync(SpatialQueryReasons.BadCoordinates, () => Search.InBoxAsync(new GeoBox(-0.2, 51.4, 181, 51.6), Any, 10));
        await RefusedAsync(SpatialQueryReasons.BadCoordinates, () => Search.InBoxAsync(new GeoBox(-0.2, double.NaN, -0.1, 51.6), Any, 10));
        await RefusedAsync(SpatialQueryReasons.BadCoordinates, () => Search.InBoxAsync(new GeoBox(-0.2, 51.6, -0.1, 51.4), Any, 10));
        await RefusedAsync(SpatialQueryReasons.BadCoordinates, () => Search.InRadiusAsync(-0.1, 91, 100, Any, 10));
        await RefusedAsync(SpatialQueryReasons.BadCoordinates, () => Search.NearestAsync(-180.1, 51.5, 5, Any));
        await RefusedAsync(SpatialQueryReasons.BadCoordinates, () => Search.InPolygonAsync(Square(-0.1, 89.5, 1), Any, 10));
    }

    [Fact]
    public async Task A_radius_below_zero_or_not_a_number_is_bad_and_one_above_the_maximum_too_large()
    {
        await RefusedAsync(SpatialQueryReasons.BadRadius, () => Search.InRadiusAsync(-0.1, 51.5, -1, Any, 10));
        await RefusedAsync(SpatialQueryReasons.BadRadius, () => Search.InRadiusAsync(-0.1, 51.5, double.NaN, Any, 10));
        await RefusedAsync(SpatialQueryReasons.RadiusTooLarge, () => Search.InRadiusAsync(-0.1, 51.5, 20_000.001, Any, 10));
    }

    [Fact]
    public async Task Boxes_and_polygons_over_too_many_cells_are_refused()
    {
        await RefusedAsync(SpatialQueryReasons.TooManyCells, () => Search.InBoxAsync(new GeoBox(-10, 35, 30, 60), Any, 10));
        await RefusedAsync(SpatialQueryReasons.TooManyCells, () => Search.InBoxAsync(new GeoBox(10, 0, 9, 1), Any, 10)); // across the antimeridian, the long way
        await RefusedAsync(SpatialQueryReasons.TooManyCells, () => Search.InPolygonAsync(Square(-10, 35, 20), Any, 10));
    }

    [Fact]
    public async Task Self_intersecting_empty_or_non_polygon_geometry_is_refused()
    {
        var bowTie = GeoFactory.Wgs84.CreatePolygon([new(-0.2, 51.4), new(-0.1, 51.6), new(-0.1, 51.4), new(-0.2, 51.6), new(-0.2, 51.4)]);
        var line = GeoFactory.Wgs84.CreateLineString([new(-0.2, 51.4), new(-0.1, 51.6)]);

        var refusal = await RefusedAsync(SpatialQueryReasons.InvalidPolygon, () => Search.InPolygonAsync(bowTie, Any, 10));
        await RefusedAsync(SpatialQueryReasons.InvalidPolygon, () => Search.InPolygonAsync(GeoFactory.Wgs84.CreatePolygon(), Any, 10));
        await RefusedAsync(SpatialQueryReasons.InvalidPolygon, () => Search.InPolygonAsync(line, Any, 10));

        Assert.Contains("Self-intersection", refusal.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Limits_outside_their_range_and_statuses_not_on_the_map_are_refused()
    {
        await RefusedAsync(SpatialQueryReasons.BadLimit, () => Search.InBoxAsync(new GeoBox(-0.2, 51.4, -0.1, 51.6), Any, 0));
        await RefusedAsync(SpatialQueryReasons.BadLimit, () => Search.InAreaAsync("E09000007", Any, SpatialSearch.MaxLimit + 1));
        await RefusedAsync(SpatialQueryReasons.BadLimit, () => Search.NearestAsync(-0.1, 51.5, SpatialSearch.MaxNearest + 1, Any));
        await RefusedAsync(SpatialQueryReasons.BadFilter, () => Search.InRadiusAsync(-0.1, 51.5, 100, new SpatialFilter(Status: AssetStatus.Decommissioned), 10));
    }

    [Fact]
    public async Task Cursors_not_handed_out_by_that_kind_of_query_are_refused()
    {
        await node.ListAsync([new("oslo-a", 10.75, 59.91, UrbanTwin.Contracts.DeviceKind.Footfall, AssetStatus.Ok, null, null), new("oslo-b", 10.75, 59.91, UrbanTwin.Contracts.DeviceKind.Footfall, AssetStatus.Ok, null, null)]);
        var box = new GeoBox(10.7, 59.9, 10.8, 59.95);
        var boxCursor = (await Search.InBoxAsync(box, Any, 1)).NextCursor!;

        await RefusedAsync(SpatialQueryReasons.BadCursor, () => Search.InRadiusAsync(10.75, 59.91, 100, Any, 1, boxCursor));
        await RefusedAsync(SpatialQueryReasons.BadCursor, () => Search.InBoxAsync(box, Any, 1, "not a cursor!"));
        await RefusedAsync(SpatialQueryReasons.BadCursor, () => Search.InBoxAsync(box, Any, 1, ""));
        await RefusedAsync(SpatialQueryReasons.BadCursor, () => Search.InBoxAsync(box, Any, 1, "SQ"));
        Assert.Equal("oslo-b", Assert.Single((await Search.InBoxAsync(box, Any, 1, boxCursor)).Items).Entry.AssetId);
    }

    private static async Task<SpatialQueryException> RefusedAsync(string reason, Func<Task> query)
    {
        var refusal = await Assert.ThrowsAsync<SpatialQueryException>(query);
        Assert.Equal(reason, refusal.Reason);
        return refusal;
    }

    private static Polygon Square(double minLon, double minLat, double size) =>
        GeoFactory.Wgs84.CreatePolygon([new(minLon, minLat), new(minLon + size, minLat), new(minLon + size, minLat + size), new(minLon, minLat + size), new(minLon, minLat)]);
}
