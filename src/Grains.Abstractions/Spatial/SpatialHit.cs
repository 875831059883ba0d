namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>An asset a map query found, with its great-circle distance (metres) from the query's point when it has one.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.SpatialHit")]
public sealed record SpatialHit(CellEntry Entry, double? DistanceMetres);
