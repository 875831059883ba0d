using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.GeoJson;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// Writes a kind's latest open readings as a GeoJSON FeatureCollection (RFC 7946): the licence
/// block and the kind as foreign members, then one Point feature per asset, its id the asset id,
/// with <c>asset</c>, <c>name</c>, <c>area</c>, <c>areaName</c> and <c>readings</c>: for each of
/// the kind's <see cref="OpenFields"/> with a value, <c>{ value, unit, time }</c>, where a count
/// of fewer than k people is <c>{ value: null, suppressed: true, ... }</c>. Only what is listed
/// here is written: no device, status, firmware, metadata or any field the contract does not open.
/// </summary>
public sealed class OpenGeoJsonWriter(Utf8JsonWriter writer, DeviceKind kind, OpenLicence licence, int suppressBelow, AreaSet areas)
{
    private readonly IReadOnlyList<OpenField> _fields = OpenFields.For(kind);

    public void WriteStart()
    {
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteString("kind", kind.ToSegment());
        licence.WriteTo(writer);
        writer.WriteStartArray("features");
    }

    /// <summary>Writes the twin's asset as a feature; the caller passes registered assets in service of this kind only.</summary>
    public void Write(TwinSnapshot twin)
    {
        var registration = twin.Registration!;
        GeoJsonWriter.StartPointFeature(writer, registration.AssetId, registration.Longitude, registration.Latitude);
        writer.WriteString("asset", registration.AssetId);
        writer.WriteString("name", registration.Name);
        if (registration.AreaId is { } areaId)
        {
            writer.WriteString("area", areaId);
            if (areas.Find(areaId) is { } area)
            {
                writer.WriteString("areaName", area.Name);
            }
        }

        writer.WriteStartObject("readings");
        foreach (var field in _fields)
        {
            if (Latest(twin, field.Name) is { } latest)
            {
                WriteReading(field, latest);
            }
        }

        writer.WriteEndObject();
        GeoJsonWriter.EndFeature(writer);
    }

    public void WriteEnd()
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void WriteReading(OpenField field, FieldValue latest)
    {
        writer.WriteStartObject(field.Name);
        if (field.IsSuppressed(latest.Value, suppressBelow))
        {
            writer.WriteNull("value");
            writer.WriteBoolean("suppressed", true);
        }
        else
        {
            writer.WriteNumber("value", latest.Value);
        }

        if (field.Unit.Length > 0)
        {
            writer.WriteString("unit", field.Unit);
        }

        writer.WriteString("time", OpenTime.Format(latest.TimestampMs));
        writer.WriteEndObject();
    }

    private static FieldValue? Latest(TwinSnapshot twin, string field)
    {
        foreach (var value in twin.Latest)
        {
            if (value.Field == field)
            {
                return value;
            }
        }

        return null;
    }
}
