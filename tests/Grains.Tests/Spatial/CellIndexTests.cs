using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

public sealed class CellIndexTests
{
    [Fact]
    public void ScanById_gives_one_page_after_the_cursor_and_says_whether_more_match()
    {
        var index = new CellIndex(Entries("d", "b", "a", "e", "c"));

        var first = index.ScanById(null, null, SpatialFilter.None, null, 2);
        var second = index.ScanById(null, null, SpatialFilter.None, "b", 2);
        var last = index.ScanById(null, null, SpatialFilter.None, "d", 2);
        var afterUnknown = index.ScanById(null, null, SpatialFilter.None, "bb", 10);

        Assert.Equal(("a b", true), Page(first));
        Assert.Equal(("c d", true), Page(second));
        Assert.Equal(("e", false), Page(last));
        Assert.Equal(("c d e", false), Page(afterUnknown));
    }

    [Fact]
    public void A_full_page_with_no_further_match_has_no_more()
    {
        var index = new CellIndex(Entries("a", "b", "c"));
        index.Upsert(Entry("c") with { Kind = DeviceKind.Footfall });

        Assert.Equal(("a b", false), Page(index.ScanById(null, null, new SpatialFilter(DeviceKind.AirQuality), null, 2)));
    }

    [Fact]
    public void Updates_in_place_and_additions_after_a_scan_are_seen_by_the_next()
    {
        var index = new CellIndex(Entries("a", "b"));
        _ = index.ScanById(null, null, SpatialFilter.None, null, 10);

        index.Upsert(Entry("b") with { Status = AssetStatus.Alert, Name = "renamed" });
        var alerts = index.ScanById(null, null, new SpatialFilter(Status: AssetStatus.Alert), null, 10);
        index.Upsert(Entry("0"));
        index.Remove("a");
        var all = index.ScanById(null, null, SpatialFilter.None, null, 10);

        Assert.Equal("renamed", Assert.Single(alerts.Hits).Entry.Name);
        Assert.Equal(("0 b", false), Page(all));
    }

    [Fact]
    public void ScanByDistance_orders_by_distance_then_id_and_resumes_after_a_tie()
    {
        var index = new CellIndex(Entries("c", "a", "b"));
        index.Upsert(Entry("far") with { Latitude = 51.5010 });

        var first = index.ScanByDistance(-0.1246, 51.5007, 100, SpatialFilter.None, 0, null, 2);
        var next = index.ScanByDistance(-0.1246, 51.5007, 100, SpatialFilter.None, 0, "b", 2);

        Assert.Equal(("a b", true), Page(first));
        Assert.Equal(("c far", false), Page(next));
        Assert.Equal(Geodesic.DistanceMetres(-0.1246, 51.5007, -0.1246, 51.5010), next.Hits[1].DistanceMetres);
    }

    [Fact]
    public void Upsert_and_Remove_report_an_areas_first_and_last_asset()
    {
        var index = new CellIndex([]);

        var first = index.Upsert(Entry("a") with { AreaId = "E09000033" });
        var second = index.Upsert(Entry("b") with { AreaId = "E09000033" });
        var same = index.Upsert(Entry("b") with { AreaId = "E09000033" });
        var moved = index.Upsert(Entry("b") with { AreaId = "E09000007" });
        var last = index.Remove("a");

        Assert.Equal(new CellChange(true, "E09000033", null), first);
        Assert.Equal(new CellChange(true, null, null), second);
        Assert.Equal(CellChange.None, same);
        Assert.Equal(new CellChange(true, "E09000007", null), moved);
        Assert.Equal(new CellChange(true, null, "E09000033"), last);
        Assert.Equal(["E09000007"], index.Areas);
    }

    private static Dictionary<string, CellEntry> Entries(params string[] ids) => ids.ToDictionary(id => id, Entry, StringComparer.Ordinal);

    private static CellEntry Entry(string id) => new(id, -0.1246, 51.5007, DeviceKind.AirQuality, AssetStatus.Ok, null, null);

    /// <summary>The page's asset ids, space-separated, and whether the cell has more.</summary>
    private static (string Ids, bool More) Page(CellPage page) => (string.Join(" ", page.Hits.Select(h => h.Entry.AssetId).ToArray()), page.HasMore);
}
