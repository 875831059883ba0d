using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;

namespace UrbanTwin.TimeSeries.Series;

/// <summary>
/// How readings map onto the time series: one measurement per kind (<c>air_quality</c>,
/// <c>footfall</c>, <c>bus_priority</c>), tags <c>asset</c>, <c>area</c> and <c>kind</c>, and every
/// numeric contract field that is not personal as a float field (the open-data path filters by
/// classification when it reads). Personal data (a bus's vehicle id) never becomes a tag or a field.
/// </summary>
public static class SeriesSchema
{
    public static string MeasurementOf(DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => "air_quality",
        DeviceKind.Footfall => "footfall",
        _ => "bus_priority",
    };

    /// <summary>The fields a kind stores, in contract order.</summary>
    public static IReadOnlyList<ContractField> FieldsOf(DeviceKind kind) =>
        [.. ContractSchemas.For(kind, MessageType.Telemetry)!.Fields.Where(f => f.IsNumeric && f.Classification != FieldClassification.Personal)];

    /// <summary>The field of a kind by name, or an exception naming the kind's fields (names come from API callers).</summary>
    public static ContractField Field(DeviceKind kind, string name) =>
        FieldsOf(kind).FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"{kind.ToSegment()} has no field '{name}'; it has {string.Join(", ", FieldsOf(kind).Select(f => f.Name))}", nameof(name));
}
