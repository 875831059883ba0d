namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// A scan of a cell in asset id order (ordinal): the assets after <see cref="AfterId"/> (null: from
/// the first) that pass the filter and lie in the box (inclusive edges) or in the polygon (WKB of a
/// lon/lat Polygon or MultiPolygon, its boundary inside), or anywhere in the cell when neither is given.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.CellScan")]
public sealed record CellScan(GeoBox? Box, byte[]? Polygon, SpatialFilter Filter, string? AfterId, int Limit);
