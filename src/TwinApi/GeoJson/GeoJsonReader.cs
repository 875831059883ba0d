using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace UrbanTwin.TwinApi.GeoJson;

/// <summary>
/// Reads RFC 7946 geometries (Point, Polygon, MultiPolygon) strictly, with a precise error for
/// anything else: wrong types, longitudes/latitudes out of range, unclosed or too-short rings,
/// too many vertices, self-intersections (via NTS's validity check, which names the place).
/// </summary>
public sealed class GeoJsonReader(GeometryFactory factory, int maxVertices = 100_000)
{
    public Point ReadPoint(JsonElement geometry, string path = "$")
    {
        ExpectType(geometry, path, "Point");
        return factory.CreatePoint(ReadPosition(Coordinates(geometry, path), path + ".coordinates"));
    }

    /// <summary>A valid Polygon or MultiPolygon.</summary>
    public Geometry ReadArea(JsonElement geometry, string path = "$")
    {
        var type = TypeOf(geometry, path);
        var vertices = 0;
        Geometry result = type switch
        {
            "Polygon" => ReadPolygon(Coordinates(geometry, path), path + ".coordinates", ref vertices),
            "MultiPolygon" => ReadMultiPolygon(Coordinates(geometry, path), path + ".coordinates", ref vertices),
            _ => throw new GeoJsonException(path + ".type", $"expected Polygon or MultiPolygon, got '{type}'"),
        };
        var validity = new IsValidOp(result).ValidationError;
        if (validity is not null)
        {
            throw new GeoJsonException(path, $"{validity.Message.ToLowerInvariant()} at ({validity.Coordinate.X.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {validity.Coordinate.Y.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        return result;
    }

    private MultiPolygon ReadMultiPolygon(JsonElement coordinates, string path, ref int vertices)
    {
        ExpectArray(coordinates, path, 1);
        var polygons = new Polygon[coordinates.GetArrayLength()];
        var i = 0;
        foreach (var polygon in coordinates.EnumerateArray())
        {
            polygons[i] = ReadPolygon(polygon, $"{path}[{i}]", ref vertices);
            i++;
        }

        return factory.CreateMultiPolygon(polygons);
    }

    private Polygon ReadPolygon(JsonElement coordinates, string path, ref int vertices)
    {
        ExpectArray(coordinates, path, 1);
        var rings = new LinearRing[coordinates.GetArrayLength()];
        var i = 0;
        foreach (var ring in coordinates.EnumerateArray())
        {
            rings[i] = ReadRing(ring, $"{path}[{i}]", ref vertices);
            i++;
        }

        return factory.CreatePolygon(rings[0], rings[1..]);
    }

    private LinearRing ReadRing(JsonElement coordinates, string path, ref int vertices)
    {
        ExpectArray(coordinates, path, 4);
        var points = new Coordinate[coordinates.GetArrayLength()];
        vertices += points.Length;
        if (vertices > maxVertices)
        {
            throw new GeoJsonException(path, $"more than {maxVertices:N0} vertices");
        }

        var i = 0;
        foreach (var position in coordinates.EnumerateArray())
        {
            points[i] = ReadPosition(position, $"{path}[{i}]");
            i++;
        }

        if (!points[0].Equals2D(points[^1]))
        {
            throw new GeoJsonException(path, "the ring is not closed (its first and last positions differ)");
        }

        for (var j = 0; j < points.Length - 1; j++)
        {
            if (Math.Abs(points[j + 1].X - points[j].X) > 180)
            {
                throw new GeoJsonException($"{path}[{j + 1}]", "an edge spans more than 180° of longitude; split geometries that cross the antimeridian (RFC 7946 §3.1.9)");
            }
        }

        return factory.CreateLinearRing(points);
    }

    private static Coordinate ReadPosition(JsonElement position, string path)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3)
        {
            throw new GeoJsonException(path, "a position is [longitude, latitude] (optionally with an altitude)");
        }

        var longitude = Number(position[0], path + "[0]");
        var latitude = Number(position[1], path + "[1]");
        if (longitude is < -180 or > 180)
        {
            throw new GeoJsonException(path + "[0]", "longitude must be between -180 and 180");
        }

        if (latitude is < -90 or > 90)
        {
            throw new GeoJsonException(path + "[1]", "latitude must be between -90 and 90");
        }

        return new Coordinate(longitude, latitude);
    }

    private static double Number(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw new GeoJsonException(path, "expected a finite number");

    private static JsonElement Coordinates(JsonElement geometry, string path) =>
        geometry.TryGetProperty("coordinates", out var coordinates)
            ? coordinates
            : throw new GeoJsonException(path, "missing 'coordinates'");

    private static void ExpectType(JsonElement geometry, string path, string expected)
    {
        var type = TypeOf(geometry, path);
        if (type != expected)
        {
            throw new GeoJsonException(path + ".type", $"expected {expected}, got '{type}'");
        }
    }

    private static string TypeOf(JsonElement geometry, string path)
    {
        if (geometry.ValueKind != JsonValueKind.Object)
        {
            throw new GeoJsonException(path, "expected a GeoJSON geometry object");
        }

        return geometry.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : throw new GeoJsonException(path, "missing 'type'");
    }

    private static void ExpectArray(JsonElement element, string path, int minimum)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() < minimum)
        {
            throw new GeoJsonException(path, minimum == 4 ? "a linear ring needs at least 4 positions" : "expected a non-empty array");
        }
    }
}
