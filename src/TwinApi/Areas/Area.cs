using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>A named area ready for point-in-area tests: its boundary, prepared once.</summary>
public sealed class Area(string areaId, string name, Geometry boundary, string source)
{
    public string AreaId { get; } = areaId;

    public string Name { get; } = name;

    /// <summary>The boundary, WGS84 lon/lat, Polygon or MultiPolygon.</summary>
    public Geometry Boundary { get; } = boundary;

    public string Source { get; } = source;

    public IPreparedGeometry Prepared { get; } = PreparedGeometryFactory.Prepare(boundary);

    /// <summary>Whether the point lies inside or on the boundary.</summary>
    public bool Covers(Point point) => Prepared.Covers(point);
}
