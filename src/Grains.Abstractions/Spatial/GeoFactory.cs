using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// The one place the product builds geometry: WGS84 longitude/latitude (SRID 4326, x = longitude,
/// y = latitude, straight edges in lon/lat as RFC 7946 says) with full double precision. Distances
/// in metres are never taken from these coordinates directly: see <see cref="Geodesic"/>.
/// </summary>
public static class GeoFactory
{
    /// <summary>SRID of WGS84 longitude/latitude.</summary>
    public const int Wgs84Srid = 4326;

    private static readonly NtsGeometryServices Services = new(new PrecisionModel(PrecisionModels.Floating), Wgs84Srid);

    /// <summary>The geometry factory for lon/lat geometry (GeoJSON readers should be given it too).</summary>
    public static GeometryFactory Wgs84 { get; } = Services.CreateGeometryFactory();

    /// <summary>The bytes a geometry crosses a grain boundary as (NTS geometries are not Orleans-serializable).</summary>
    public static byte[] ToWkb(Geometry geometry) => new WKBWriter().Write(geometry);

    /// <summary>Reads bytes written by <see cref="ToWkb"/> back into a lon/lat geometry.</summary>
    public static Geometry FromWkb(byte[] wkb) => new WKBReader(Services).Read(wkb);
}
