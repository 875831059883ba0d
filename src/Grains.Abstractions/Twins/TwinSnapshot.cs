using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;

namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>A twin as operators see it now: latest values, connection, counters, active alerts.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.TwinSnapshot")]
public sealed record TwinSnapshot(
    string AssetId,
    string? DeviceId,
    DeviceKind? Kind,
    IReadOnlyList<FieldValue> Latest,
    bool Online,
    long? LastSeenMs,
    string? Firmware,
    long Accepted,
    long Duplicates,
    long Rejected,
    IReadOnlyList<Alert> Alerts);
