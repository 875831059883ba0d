using System.Buffers;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.GeoJson;

/// <summary>
/// Writes Point, Polygon and MultiPolygon geometries, and the features that carry them, as RFC 7946
/// GeoJSON: every GeoJSON body the API sends is written here.
/// </summary>
public static class GeoJsonWriter
{
    public static string ToJson(Geometry geometry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            Write(writer, geometry);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, Geometry geometry)
    {
        writer.WriteStartObject();
        switch (geometry)
        {
            case Point point:
                writer.WriteString("type", "Point");
                writer.WritePropertyName("coordinates");
                WritePosition(writer, point.Coordinate);
                break;
            case Polygon polygon:
                writer.WriteString("type", "Polygon");
                writer.WritePropertyName("coordinates");
                WritePolygon(writer, polygon);
                break;
            case MultiPolygon multi:
                writer.WriteString("type", "MultiPolygon");
                writer.WritePropertyName("coordinates");
                writer.WriteStartArray();
                foreach (var part in multi.Geometries)
                {
                    WritePolygon(writer, (Polygon)part);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"{geometry.GeometryType} is not written by this API", nameof(geometry));
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Opens a feature: writes its type, id and geometry and opens its <c>properties</c> object,
    /// which the caller fills and <see cref="EndFeature"/> closes.
    /// </summary>
    public static void StartFeature(Utf8JsonWriter writer, string id, Geometry geometry)
    {
        StartFeature(writer, id);
        Write(writer, geometry);
        writer.WriteStartObject("properties");
    }

    /// <summary><see cref="StartFeature(Utf8JsonWriter, string, Geometry)"/> for a point, without building one.</summary>
    public static void StartPointFeature(Utf8JsonWriter writer, string id, double longitude, double latitude)
    {
        StartFeature(writer, id);
        writer.WriteStartObject();
        writer.WriteString("type", "Point");
        writer.WriteStartArray("coordinates");
        writer.WriteNumberValue(longitude);
        writer.WriteNumberValue(latitude);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("properties");
    }

    /// <summary>Closes the properties and the feature a <c>Start…Feature</c> opened.</summary>
    public static void EndFeature(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A position: <c>[longitude, latitude]</c>.</summary>
    public static void WritePosition(Utf8JsonWriter writer, Coordinate coordinate)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(coordinate.X);
        writer.WriteNumberValue(coordinate.Y);
        writer.WriteEndArray();
    }

    private static void StartFeature(Utf8JsonWriter writer, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", id);
        writer.WritePropertyName("geometry");
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.ExteriorRing);
        foreach (var hole in polygon.InteriorRings)
        {
            WriteRing(writer, hole);
        }

        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring)
    {
        writer.WriteStartArray();
        foreach (var coordinate in ring.Coordinates)
        {
            WritePosition(writer, coordinate);
        }

        writer.WriteEndArray();
    }
}
