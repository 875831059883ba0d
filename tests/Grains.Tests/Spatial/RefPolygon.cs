using NetTopologySuite.Geometries;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>A lon/lat polygon as plain arrays for the brute-force map: the shell first, then the holes; each ring closed.</summary>
public sealed record RefPolygon((double Lon, double Lat)[][] Rings)
{
    /// <summary>The same polygon (or several, as a MultiPolygon) as the product's geometry.</summary>
    public static Geometry ToGeometry(IReadOnlyList<RefPolygon> parts)
    {
        var polygons = parts.Select(part => GeoFactory.Wgs84.CreatePolygon(
            Ring(part.Rings[0]),
            [.. part.Rings.Skip(1).Select(Ring)])).ToArray();
        return polygons.Length == 1 ? polygons[0] : GeoFactory.Wgs84.CreateMultiPolygon(polygons);
    }

    private static LinearRing Ring((double Lon, double Lat)[] ring) =>
        GeoFactory.Wgs84.CreateLinearRing([.. ring.Select(p => new Coordinate(p.Lon, p.Lat))]);
}
