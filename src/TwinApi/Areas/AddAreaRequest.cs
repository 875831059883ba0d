using System.Text.Json;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>A new named area: id, name and a GeoJSON Polygon or MultiPolygon boundary.</summary>
public sealed record AddAreaRequest(string? Id, string? Name, JsonElement Geometry);
