namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// One page of a map query's results, in the query's order; <see cref="NextCursor"/> asks for the
/// next page and is null on the last one (a non-null cursor always leads to at least one more hit,
/// unless the map changed in between).
/// </summary>
public sealed record SpatialPage(IReadOnlyList<SpatialHit> Items, string? NextCursor)
{
    public static SpatialPage Empty { get; } = new([], null);
}
