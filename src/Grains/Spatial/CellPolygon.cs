using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Spatial;

/// <summary>
/// A query polygon prepared for many point tests in a cell: envelope first, then NTS's indexed
/// point-in-area locator (robust orientation tests; a point on the boundary counts as inside).
/// </summary>
public sealed class CellPolygon(byte[] wkb)
{
    private readonly Geometry _geometry = GeoFactory.FromWkb(wkb);
    private readonly Coordinate _probe = new();
    private IndexedPointInAreaLocator? _locator;

    /// <summary>The bytes it was read from (a repeated query, e.g. the next page, reuses it).</summary>
    public byte[] Wkb { get; } = wkb;

    public bool Covers(double longitude, double latitude)
    {
        var envelope = _geometry.EnvelopeInternal;
        if (longitude < envelope.MinX || longitude > envelope.MaxX || latitude < envelope.MinY || latitude > envelope.MaxY)
        {
            return false;
        }

        _locator ??= new IndexedPointInAreaLocator(_geometry);
        _probe.X = longitude;
        _probe.Y = latitude;
        return _locator.Locate(_probe) != Location.Exterior;
    }
}
