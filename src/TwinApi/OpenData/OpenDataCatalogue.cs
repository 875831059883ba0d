using System.Buffers;
using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// <c>GET /opendata/v1</c>: what is published, for people and for harvesters: the licence, k,
/// and per kind its open fields (name, unit, how a CSV window sums it up, and for counts of
/// people the k below which they are withheld) with the links to its GeoJSON and CSV.
/// </summary>
public static class OpenDataCatalogue
{
    public static OpenDataDocument Build(OpenLicence licence, int suppressBelow, string pathBase)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            writer.WriteStartObject();
            licence.WriteTo(writer);
            writer.WriteNumber("suppressBelow", suppressBelow);
            writer.WriteStartArray("kinds");
            foreach (var kind in DeviceKinds.All)
            {
                var path = $"{pathBase}{OpenDataApi.Prefix}/{kind.ToSegment()}";
                writer.WriteStartObject();
                writer.WriteString("kind", kind.ToSegment());
                writer.WriteString("geojson", path + ".geojson");
                writer.WriteString("csv", path + ".csv");
                writer.WriteStartArray("fields");
                foreach (var field in OpenFields.For(kind))
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", field.Name);
                    if (field.Unit.Length > 0)
                    {
                        writer.WriteString("unit", field.Unit);
                    }

                    writer.WriteString("window", field.Window == TimeSeries.Series.Aggregate.Sum ? "sum" : "mean");
                    if (field.IsPeopleCount)
                    {
                        writer.WriteNumber("suppressedBelow", suppressBelow);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return OpenDataDocument.Of(buffer.WrittenSpan.ToArray(), "application/json; charset=utf-8");
    }
}
