namespace UrbanTwin.Grains.Abstractions.Areas;

/// <summary>
/// A named area (a borough, a ward, a business district): its id (e.g. an ONS code), name and
/// boundary as a GeoJSON geometry (WGS84 lon/lat Polygon or MultiPolygon), where it came from
/// (a file loaded at start-up, or the API), and when it was added.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.AreaDefinition")]
public sealed record AreaDefinition(string AreaId, string Name, string GeometryJson, string Source, DateTimeOffset AddedAt);
