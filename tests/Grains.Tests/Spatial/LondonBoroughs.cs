using System.Text.Json;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>The 33 London boroughs the host ships (<c>src/TwinApi/Areas/london-boroughs.geojson</c>), as plain polygons.</summary>
public static class LondonBoroughs
{
    private static readonly Lazy<IReadOnlyList<Borough>> All = new(Load);

    public static IReadOnlyList<Borough> Boroughs => All.Value;

    private static List<Borough> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "Areas", "london-boroughs.geojson")));
        var boroughs = new List<Borough>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "Polygon"
                ? [Polygon(coordinates)]
                : coordinates.EnumerateArray().Select(Polygon).ToList();
            var properties = feature.GetProperty("properties");
            boroughs.Add(new Borough(properties.GetProperty("code").GetString()!, properties.GetProperty("name").GetString()!, polygons));
        }

        return boroughs;
    }

    private static RefPolygon Polygon(JsonElement rings) =>
        new([.. rings.EnumerateArray().Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray())]);
}
