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

    /// <summary>
    /// The fields of a multi-field window query, checked: at least one, each a field of the kind,
    /// each with an aggregate that both stores compute alike over several fields at once.
    /// </summary>
    public static IReadOnlyList<ContractField> WindowFields(DeviceKind kind, IReadOnlyList<FieldAggregate> fields)
    {
        if (fields.Count == 0)
        {
            throw new ArgumentException("at least one field is needed", nameof(fields));
        }

        var checkedFields = new ContractField[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Aggregate is not (Aggregate.Mean or Aggregate.Sum or Aggregate.Min or Aggregate.Max))
            {
                throw new ArgumentException($"windows of several fields take mean, sum, min or max, not {fields[i].Aggregate}", nameof(fields));
            }

            checkedFields[i] = Field(kind, fields[i].Field);
        }

        return checkedFields;
    }
}
