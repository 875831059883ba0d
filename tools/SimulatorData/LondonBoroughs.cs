using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace UrbanTwin.SimulatorData;

/// <summary>The London borough boundaries the host ships (RFC 7946 lon/lat polygons), for point-in-borough checks.</summary>
public sealed class LondonBoroughs
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    private readonly List<(string Code, IndexedPointInAreaLocator Locator)> _boroughs = [];

    public LondonBoroughs(string geoJsonPath)
    {
        var features = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(geoJsonPath), GeoJson)
            ?? throw new InvalidDataException(geoJsonPath + " holds no feature collection");
        foreach (var feature in features)
        {
            _boroughs.Add(((string)feature.Attributes["code"], new IndexedPointInAreaLocator(feature.Geometry)));
        }
    }

    public int Count => _boroughs.Count;

    /// <summary>The ONS code of the borough holding the point (boundary included), or null outside London.</summary>
    public string? CodeOf(double longitude, double latitude)
    {
        var point = new Coordinate(longitude, latitude);
        foreach (var (code, locator) in _boroughs)
        {
            if (locator.Locate(point) != Location.Exterior)
            {
                return code;
            }
        }

        return null;
    }
}
