namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// A scan of a cell in order of distance from a point, then asset id: the assets that pass the
/// filter within <see cref="MaxDistanceMetres"/> (inclusive) and come after
/// (<see cref="AfterDistanceMetres"/>, <see cref="AfterId"/>) when <see cref="AfterId"/> is set.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.CellDistanceScan")]
public sealed record CellDistanceScan(double Longitude, double Latitude, double MaxDistanceMetres, SpatialFilter Filter, double AfterDistanceMetres, string? AfterId, int Limit);
