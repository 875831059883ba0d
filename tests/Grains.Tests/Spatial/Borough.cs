namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>A borough: its ONS code, name and polygons (several for a MultiPolygon).</summary>
public sealed record Borough(string Code, string Name, IReadOnlyList<RefPolygon> Parts);
