using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TestSupport.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>
/// The reference the query engine is checked against, written apart from it: every query looks at
/// every asset. Distances come from 3-D unit vectors and the chord between them, polygons from
/// ray casting with exact orientation tests (a point on any ring is inside).
/// </summary>
public sealed class BruteForceMap(IReadOnlyList<CellEntry> assets)
{
    public IReadOnlyList<CellEntry> Assets => assets;

    public List<string> InBox(double minLon, double minLat, double maxLon, double maxLat, SpatialFilter filter) =>
        Ids(Matching(filter).Where(a => a.Latitude >= minLat && a.Latitude <= maxLat
            && (minLon <= maxLon ? a.Longitude >= minLon && a.Longitude <= maxLon : a.Longitude >= minLon || a.Longitude <= maxLon)));

    public List<(string Id, double Distance)> InRadius(double lon, double lat, double radius, SpatialFilter filter) =>
        ByDistance(Matching(filter).Select(a => (a.AssetId, Distance(lon, lat, a.Longitude, a.Latitude))).Where(a => a.Item2 <= radius));

    public List<(string Id, double Distance)> Nearest(double lon, double lat, int count, double maxDistance, SpatialFilter filter) =>
        [.. InRadius(lon, lat, maxDistance, filter).Take(count)];

    public List<string> InPolygon(IReadOnlyList<RefPolygon> parts, SpatialFilter filter) =>
        Ids(Matching(filter).Where(a => parts.Any(part => Inside(part, a.Longitude, a.Latitude))));

    public List<string> InArea(string areaId, SpatialFilter filter) =>
        Ids(Matching(filter).Where(a => a.AreaId == areaId));

    /// <summary>Great-circle distance from the chord between the points' unit vectors.</summary>
    public static double Distance(double lon1, double lat1, double lon2, double lat2) => ChordDistance.Metres(lon1, lat1, lon2, lat2);

    /// <summary>Inside a polygon with holes: on any ring, or inside the shell and in no hole.</summary>
    public static bool Inside(RefPolygon polygon, double lon, double lat)
    {
        if (polygon.Rings.Any(ring => OnRing(ring, lon, lat)))
        {
            return true;
        }

        return Crossings(polygon.Rings[0], lon, lat) % 2 == 1 && polygon.Rings.Skip(1).All(hole => Crossings(hole, lon, lat) % 2 == 0);
    }

    private IEnumerable<CellEntry> Matching(SpatialFilter filter) => assets.Where(a =>
        (filter.Kind is null || a.Kind == filter.Kind)
        && (filter.Status is null || a.Status == filter.Status)
        && (filter.Areas is null || (a.AreaId is not null && filter.Areas.Contains(a.AreaId))));

    private static List<string> Ids(IEnumerable<CellEntry> found) => [.. found.Select(a => a.AssetId).Order(StringComparer.Ordinal)];

    private static List<(string Id, double Distance)> ByDistance(IEnumerable<(string Id, double Distance)> found) =>
        [.. found.OrderBy(a => a.Distance).ThenBy(a => a.Id, StringComparer.Ordinal)];

    private static bool OnRing((double Lon, double Lat)[] ring, double x, double y)
    {
        for (var i = 0; i + 1 < ring.Length; i++)
        {
            var (a, b) = (ring[i], ring[i + 1]);
            if (x >= Math.Min(a.Lon, b.Lon) && x <= Math.Max(a.Lon, b.Lon) && y >= Math.Min(a.Lat, b.Lat) && y <= Math.Max(a.Lat, b.Lat)
                && ExactOrientation.Sign(a.Lon, a.Lat, b.Lon, b.Lat, x, y) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many edges a ray from the point towards +x crosses (an edge counts when one end is above the ray, the other on or below it).</summary>
    private static int Crossings((double Lon, double Lat)[] ring, double x, double y)
    {
        var crossings = 0;
        for (var i = 0; i + 1 < ring.Length; i++)
        {
            var (a, b) = (ring[i], ring[i + 1]);
            if ((a.Lat > y) == (b.Lat > y))
            {
                continue;
            }

            var side = ExactOrientation.Sign(a.Lon, a.Lat, b.Lon, b.Lat, x, y);
            if ((b.Lat > a.Lat && side > 0) || (b.Lat < a.Lat && side < 0))
            {
                crossings++;
            }
        }

        return crossings;
    }
}
