using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>What map queries send to cells on other silos survives Orleans' serializer.</summary>
public sealed class SpatialMessageTests
{
    private static readonly SpatialFilter Filter = new(DeviceKind.Footfall, AssetStatus.Alert, new[] { "E09000007", "E09000033" });

    [Fact]
    public void A_scan_by_id_with_a_polygon_and_a_filter_round_trips()
    {
        var polygon = GeoFactory.Wgs84.CreatePolygon([new(-0.2, 51.4), new(-0.1, 51.4), new(-0.1, 51.6), new(-0.2, 51.4)]);
        var scan = new CellScan(new GeoBox(179.9, -17.9, -179.9, -17.7), GeoFactory.ToWkb(polygon), Filter, "aq-museum", 100);

        var copy = OrleansRoundTrip.Copy(scan);

        Assert.Equal(scan.Box, copy.Box);
        Assert.True(polygon.EqualsExact(GeoFactory.FromWkb(copy.Polygon!)));
        Assert.Equal((Filter.Kind, Filter.Status), (copy.Filter.Kind, copy.Filter.Status));
        Assert.Equal(Filter.Areas, copy.Filter.Areas);
        Assert.Equal(("aq-museum", 100), (copy.AfterId, copy.Limit));
    }

    [Fact]
    public void A_scan_by_distance_and_a_page_of_hits_round_trip()
    {
        var scan = new CellDistanceScan(-0.1270, 51.5194, 500, Filter, 12.5, "aq-museum", 10);
        var page = new CellPage([new SpatialHit(new CellEntry("ff-palace", -0.1246, 51.5007, DeviceKind.Footfall, AssetStatus.Ok, "E09000033", "Palace of Westminster"), 2_085.97)], true);

        var scanCopy = OrleansRoundTrip.Copy(scan);
        var pageCopy = OrleansRoundTrip.Copy(page);

        Assert.Equal(scan with { Filter = scanCopy.Filter }, scanCopy);
        Assert.Equal(page.Hits, pageCopy.Hits);
        Assert.True(pageCopy.HasMore);
    }
}
