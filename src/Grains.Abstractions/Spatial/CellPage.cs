namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>What one cell answers a scan with: at most the scan's limit of hits, in order, and whether it has more.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.CellPage")]
public sealed record CellPage(IReadOnlyList<SpatialHit> Hits, bool HasMore);
