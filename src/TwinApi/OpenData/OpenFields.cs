using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// What the open data may publish of a kind, taken mechanically from the contract's classification:
/// the numeric telemetry fields classified <see cref="FieldClassification.Open"/>, in contract order.
/// Internal fields (battery, rssi, firmware) and personal ones (a bus's vehicle id) are never in it,
/// and nothing is added by hand: a field the contract opens appears, one it closes disappears.
/// </summary>
public static class OpenFields
{
    private static readonly Dictionary<DeviceKind, IReadOnlyList<OpenField>> ByKind =
        DeviceKinds.All.ToDictionary(kind => kind, Of);

    public static IReadOnlyList<OpenField> For(DeviceKind kind) => ByKind[kind];

    private static IReadOnlyList<OpenField> Of(DeviceKind kind) =>
        [.. (ContractSchemas.For(kind, MessageType.Telemetry)?.Fields ?? [])
            .Where(f => f.IsNumeric && f.Classification == FieldClassification.Open)
            .Select(f => new OpenField(f))];
}
