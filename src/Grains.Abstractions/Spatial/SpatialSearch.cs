using System.Globalization;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Valid;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// The map queries the HTTP API answers: assets in a box, within a radius, in a polygon, in an
/// area, and nearest to a point, each with a <see cref="SpatialFilter"/>. A query fans out in
/// parallel over the cell grains it touches; each cell answers at most one page, so a page costs
/// O(limit × cells) whatever the number of matches. Pages come in asset id order (ordinal), or by
/// (distance, asset id) for radius and nearest queries. Queries that cannot be answered (bad
/// coordinates, too large, invalid polygon, foreign cursor) throw <see cref="SpatialQueryException"/>
/// before any cell is asked.
/// </summary>
public sealed class SpatialSearch(IGrainFactory grains, IOptions<SpatialOptions> options)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1_000;

    /// <summary>The most assets a nearest query returns.</summary>
    public const int MaxNearest = 100;

    /// <summary>Slack around a cell's rectangle when a polygon is tested against it, so rounding never drops a cell.</summary>
    private const double CellSlackDegrees = 1e-9;

    /// <summary>The assets in the box (inclusive edges; it crosses the antimeridian when its west edge is east of its east edge).</summary>
    public async Task<SpatialPage> InBoxAsync(GeoBox box, SpatialFilter filter, int limit, string? cursor = null)
    {
        CheckPoint(box.MinLongitude, box.MinLatitude);
        CheckPoint(box.MaxLongitude, box.MaxLatitude);
        if (box.MinLatitude > box.MaxLatitude)
        {
            throw new SpatialQueryException(SpatialQueryReasons.BadCoordinates, "the box's south edge is north of its north edge");
        }

        filter = Checked(filter, limit, MaxLimit);
        var scan = new CellScan(box, null, filter, cursor is null ? null : SpatialCursor.ReadId(cursor), limit);
        CheckCells(Geohash.CoveringCellCount(box.MinLongitude, box.MinLatitude, box.MaxLongitude, box.MaxLatitude));
        var cells = new List<(string, CellScan)>();
        foreach (var (column, row) in Geohash.CoveringGrid(box.MinLongitude, box.MinLatitude, box.MaxLongitude, box.MaxLatitude))
        {
            cells.Add((Geohash.CellAt(column, row), scan));
        }

        return PageById(await ScanAsync(cells), limit);
    }

    /// <summary>The assets whose great-circle distance from the point is at most <paramref name="radiusMetres"/>, nearest first.</summary>
    public async Task<SpatialPage> InRadiusAsync(double longitude, double latitude, double radiusMetres, SpatialFilter filter, int limit, string? cursor = null)
    {
        CheckPoint(longitude, latitude);
        CheckRadius(radiusMetres);
        filter = Checked(filter, limit, MaxLimit);
        var (afterDistance, afterId) = cursor is null ? (0, null) : SpatialCursor.ReadDistance(cursor);
        var box = Geodesic.BoundingBox(longitude, latitude, radiusMetres);
        CheckCells(Geohash.CoveringCellCount(box.MinLongitude, box.MinLatitude, box.MaxLongitude, box.MaxLatitude));
        var scan = new CellDistanceScan(longitude, latitude, radiusMetres, filter, afterDistance, afterId, limit);
        var cells = new List<string>();
        foreach (var (column, row) in Geohash.CoveringGrid(box.MinLongitude, box.MinLatitude, box.MaxLongitude, box.MaxLatitude))
        {
            if (Geodesic.MinDistanceToBoxMetres(longitude, latitude, Geohash.BoundsOf(column, row)) <= radiusMetres)
            {
                cells.Add(Geohash.CellAt(column, row));
            }
        }

        var pages = await Task.WhenAll(cells.Select(cell => grains.GetGrain<ICellGrain>(cell).ScanByDistanceAsync(scan)));
        var (hits, more) = HitOrder.Merge(pages, limit, HitOrder.ByDistance);
        return new SpatialPage(hits, more ? SpatialCursor.ForDistance(hits[^1].DistanceMetres!.Value, hits[^1].Entry.AssetId) : null);
    }

    /// <summary>
    /// The assets in a lon/lat Polygon or MultiPolygon (RFC 7946: straight edges in lon/lat; a
    /// polygon across the antimeridian must come split into a MultiPolygon); a point on the
    /// boundary is inside.
    /// </summary>
    public async Task<SpatialPage> InPolygonAsync(Geometry polygon, SpatialFilter filter, int limit, string? cursor = null)
    {
        CheckPolygon(polygon);
        filter = Checked(filter, limit, MaxLimit);
        var after = cursor is null ? null : SpatialCursor.ReadId(cursor);
        var parts = new List<Envelope>();
        for (var i = 0; i < polygon.NumGeometries; i++)
        {
            parts.Add(polygon.GetGeometryN(i).EnvelopeInternal);
        }

        CheckCells(parts.Sum(e => Geohash.CoveringCellCount(e.MinX, e.MinY, e.MaxX, e.MaxY)));
        var prepared = PreparedGeometryFactory.Prepare(polygon);
        var inside = new CellScan(null, null, filter, after, limit);
        var edge = new CellScan(null, GeoFactory.ToWkb(polygon), filter, after, limit);
        var cells = new Dictionary<string, CellScan>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var (column, row) in Geohash.CoveringGrid(part.MinX, part.MinY, part.MaxX, part.MaxY))
            {
                var cell = Geohash.CellAt(column, row);
                var bounds = Geohash.BoundsOf(column, row);
                var rectangle = GeoFactory.Wgs84.ToGeometry(new Envelope(bounds.MinLongitude - CellSlackDegrees, bounds.MaxLongitude + CellSlackDegrees, bounds.MinLatitude - CellSlackDegrees, bounds.MaxLatitude + CellSlackDegrees));
                if (!cells.ContainsKey(cell) && prepared.Intersects(rectangle))
                {
                    // A cell wholly inside is listed whole, without a point-in-polygon test per asset.
                    cells[cell] = prepared.Covers(rectangle) ? inside : edge;
                }
            }
        }

        return PageById(await ScanAsync(cells.Select(c => (c.Key, c.Value))), limit);
    }

    /// <summary>
    /// The assets registered in the area. Empty when the filter's areas (the caller's scope) leave
    /// it out. Fans out over the cells that list the area's assets.
    /// </summary>
    public async Task<SpatialPage> InAreaAsync(string areaId, SpatialFilter filter, int limit, string? cursor = null)
    {
        filter = Checked(filter, limit, MaxLimit);
        var after = cursor is null ? null : SpatialCursor.ReadId(cursor);
        if (filter.Areas is { } allowed && !allowed.Contains(areaId))
        {
            return SpatialPage.Empty;
        }

        var cells = await grains.GetGrain<IAreaCellsGrain>(areaId).GetCellsAsync();
        CheckCells(cells.Count);
        var scan = new CellScan(null, null, filter with { Areas = new[] { areaId } }, after, limit);
        return PageById(await ScanAsync(cells.Select(cell => (cell, scan))), limit);
    }

    /// <summary>
    /// The <paramref name="count"/> assets nearest to the point, nearest first (ties by asset id),
    /// no farther than <see cref="SpatialOptions.MaxRadiusMetres"/>: fewer when there are not that
    /// many within it. Never a next page.
    /// </summary>
    public async Task<SpatialPage> NearestAsync(double longitude, double latitude, int count, SpatialFilter filter)
    {
        CheckPoint(longitude, latitude);
        filter = Checked(filter, count, MaxNearest);
        var maxDistance = options.Value.MaxRadiusMetres;
        var search = new RingSearch(longitude, latitude);
        var nearest = new List<SpatialHit>();
        var threshold = maxDistance;
        var searched = 0;
        for (var cells = search.First; cells.Count > 0; cells = search.Next(threshold))
        {
            searched += cells.Count;
            CheckCells(searched);
            var scan = new CellDistanceScan(longitude, latitude, threshold, filter, 0, null, count);
            var pages = await Task.WhenAll(cells.Select(cell => grains.GetGrain<ICellGrain>(cell).ScanByDistanceAsync(scan)));
            nearest = HitOrder.Merge([new CellPage(nearest, false), .. pages], count, HitOrder.ByDistance).Hits;
            threshold = nearest.Count == count ? nearest[^1].DistanceMetres!.Value : maxDistance;
        }

        return new SpatialPage(nearest, null);
    }

    private async Task<CellPage[]> ScanAsync(IEnumerable<(string Cell, CellScan Scan)> cells) =>
        await Task.WhenAll(cells.Select(c => grains.GetGrain<ICellGrain>(c.Cell).ScanByIdAsync(c.Scan)));

    private static SpatialPage PageById(CellPage[] pages, int limit)
    {
        var (hits, more) = HitOrder.Merge(pages, limit, HitOrder.ById);
        return new SpatialPage(hits, more ? SpatialCursor.ForId(hits[^1].Entry.AssetId) : null);
    }

    /// <summary>Checks the page size and the filter, and gives the filter as cells take it (areas as an array).</summary>
    private static SpatialFilter Checked(SpatialFilter filter, int limit, int maxLimit)
    {
        if (limit < 1 || limit > maxLimit)
        {
            throw new SpatialQueryException(SpatialQueryReasons.BadLimit, $"the limit must be between 1 and {maxLimit}");
        }

        if (filter.Status is { } status && !AssetStatus.IsOnMap(status))
        {
            throw new SpatialQueryException(SpatialQueryReasons.BadFilter, $"the status must be {AssetStatus.Ok}, {AssetStatus.Alert} or {AssetStatus.Offline}");
        }

        // An array, which every silo can deserialize (not the caller's set, nor a compiler-made list).
        return (filter.Areas is null or string[]) ? filter : filter with { Areas = filter.Areas.ToArray() };
    }

    private static void CheckPoint(double longitude, double latitude)
    {
        if (!double.IsFinite(longitude) || longitude is < -180 or > 180 || !double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw new SpatialQueryException(SpatialQueryReasons.BadCoordinates, string.Create(CultureInfo.InvariantCulture, $"({longitude}, {latitude}) is not a longitude in -180..180 and a latitude in -90..90"));
        }
    }

    private void CheckRadius(double radiusMetres)
    {
        if (!double.IsFinite(radiusMetres) || radiusMetres < 0)
        {
            throw new SpatialQueryException(SpatialQueryReasons.BadRadius, "the radius must be a number of metres, 0 or more");
        }

        if (radiusMetres > options.Value.MaxRadiusMetres)
        {
            throw new SpatialQueryException(SpatialQueryReasons.RadiusTooLarge, string.Create(CultureInfo.InvariantCulture, $"the radius may be at most {options.Value.MaxRadiusMetres} m"));
        }
    }

    private void CheckCells(long cells)
    {
        if (cells > options.Value.MaxCells)
        {
            throw new SpatialQueryException(SpatialQueryReasons.TooManyCells, string.Create(CultureInfo.InvariantCulture, $"the query covers {cells} map cells, more than the {options.Value.MaxCells} allowed; query a smaller area"));
        }
    }

    private static void CheckPolygon(Geometry? polygon)
    {
        if (polygon is not (Polygon or MultiPolygon) || polygon.IsEmpty)
        {
            throw new SpatialQueryException(SpatialQueryReasons.InvalidPolygon, "a Polygon or MultiPolygon with at least one ring is required");
        }

        foreach (var coordinate in polygon.Coordinates)
        {
            CheckPoint(coordinate.X, coordinate.Y);
        }

        if (new IsValidOp(polygon).ValidationError is { } error)
        {
            throw new SpatialQueryException(SpatialQueryReasons.InvalidPolygon, string.Create(CultureInfo.InvariantCulture, $"the polygon is not valid: {error.Message} at ({error.Coordinate?.X}, {error.Coordinate?.Y})"));
        }
    }
}
