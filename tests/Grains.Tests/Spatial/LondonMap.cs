using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>
/// Builds assets spread over London as the correctness tests need them: most at random inside a
/// borough, and many exactly on, or within 1e-9° of, a borough's boundary vertices and edges,
/// where point-in-polygon decisions are hardest. Kinds, statuses and ids (mixed case, so ordinal
/// order matters) at random; about one in twenty in no area.
/// </summary>
public static class LondonMap
{
    private static readonly string[] Prefixes = ["aq", "ff", "bp", "AQ", "Z9", "a", "junction"];
    private static readonly string[] Statuses = [AssetStatus.Ok, AssetStatus.Alert, AssetStatus.Offline];

    public static List<CellEntry> Assets(Random random, int inside, int onBoundary, int nearBoundary)
    {
        var assets = new List<CellEntry>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inside + onBoundary + nearBoundary; i++)
        {
            var borough = LondonBoroughs.Boroughs[random.Next(LondonBoroughs.Boroughs.Count)];
            var (lon, lat) = i < inside ? PointInside(random, borough)
                : i < inside + onBoundary ? Vertex(random, borough)
                : NearBoundary(random, borough);
            string id;
            do
            {
                id = $"{Prefixes[random.Next(Prefixes.Length)]}-{random.Next():x8}";
            }
            while (!ids.Add(id));

            assets.Add(new CellEntry(id, lon, lat, (DeviceKind)random.Next(1, 4), Statuses[random.Next(3)], random.Next(20) == 0 ? null : borough.Code, $"asset {i}"));
        }

        return assets;
    }

    /// <summary>
    /// A random polygon around a point of London, star-shaped about it (so simple): its vertices
    /// at jittered, increasing angles less than 120° apart; sometimes, when they are under 60°
    /// apart (its edges then stay beyond a quarter of its size), with a small triangular hole.
    /// </summary>
    public static RefPolygon StarPolygon(Random random)
    {
        var (lon, lat) = (-0.5 + (random.NextDouble() * 0.8), 51.3 + (random.NextDouble() * 0.38));
        var size = 0.005 + (random.NextDouble() * 0.12);
        var count = random.Next(6, 40);
        var angles = Enumerable.Range(0, count).Select(i => 2 * Math.PI * (i + (random.NextDouble() * 0.8)) / count).ToArray();
        var shell = Ring(angles, lon, lat, size, 0.3, random);
        if (count < 11 || random.Next(3) > 0)
        {
            return new RefPolygon([shell]);
        }

        var hole = Ring([0.3, 2.1, 4.2], lon, lat, size * 0.25, 0.5, random);
        return new RefPolygon([shell, [.. hole.Reverse()]]);
    }

    private static (double Lon, double Lat)[] Ring(double[] angles, double lon, double lat, double size, double minShare, Random random)
    {
        var points = angles.Select(a =>
        {
            var r = size * (minShare + ((1 - minShare) * random.NextDouble()));
            return (lon + (r * Math.Cos(a) * 1.6), lat + (r * Math.Sin(a)));
        }).ToList();
        points.Add(points[0]);
        return [.. points];
    }

    private static (double, double) PointInside(Random random, Borough borough)
    {
        var points = borough.Parts.SelectMany(p => p.Rings[0]).ToArray();
        var (minLon, maxLon, minLat, maxLat) = (points.Min(p => p.Lon), points.Max(p => p.Lon), points.Min(p => p.Lat), points.Max(p => p.Lat));
        while (true)
        {
            var (lon, lat) = (minLon + (random.NextDouble() * (maxLon - minLon)), minLat + (random.NextDouble() * (maxLat - minLat)));
            if (borough.Parts.Any(part => BruteForceMap.Inside(part, lon, lat)))
            {
                return (lon, lat);
            }
        }
    }

    private static (double, double) Vertex(Random random, Borough borough)
    {
        var ring = RandomRing(random, borough);
        return ring[random.Next(ring.Length)];
    }

    /// <summary>On an edge as nearly as doubles allow, or within 1e-9° of a vertex or of such a point.</summary>
    private static (double, double) NearBoundary(Random random, Borough borough)
    {
        var ring = RandomRing(random, borough);
        var i = random.Next(ring.Length - 1);
        var t = random.Next(4) == 0 ? 0 : random.NextDouble();
        var (lon, lat) = (ring[i].Lon + (t * (ring[i + 1].Lon - ring[i].Lon)), ring[i].Lat + (t * (ring[i + 1].Lat - ring[i].Lat)));
        return random.Next(3) == 0 ? (lon, lat) : (lon + Nudge(random), lat + Nudge(random));
    }

    private static double Nudge(Random random) => (random.NextDouble() - 0.5) * 2e-9;

    private static (double Lon, double Lat)[] RandomRing(Random random, Borough borough)
    {
        var part = borough.Parts[random.Next(borough.Parts.Count)];
        return part.Rings[random.Next(part.Rings.Length)];
    }
}
