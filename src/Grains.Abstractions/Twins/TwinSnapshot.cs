using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>
/// A twin as operators see it now: latest values, connection, counters, active alerts, and what
/// the twin derives for its kind (<see cref="AirQuality"/>, <see cref="Footfall"/> or
/// <see cref="BusPriority"/>). <see cref="Status"/> sums it up: <c>offline</c>, <c>alert</c>
/// (an active alert) or <c>ok</c>. A junction also reports its priority policy in force and
/// its own settings (<see cref="PriorityPolicy"/>, <see cref="PriorityOverrides"/>).
/// </summary>
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
    IReadOnlyList<Alert> Alerts,
    string Status,
    AirQualityStatus? AirQuality = null,
    FootfallStatus? Footfall = null,
    BusPriorityStatus? BusPriority = null,
    AssetRegistration? Registration = null,
    bool Decommissioned = false,
    PriorityPolicySettings? PriorityPolicy = null,
    PriorityPolicySettings? PriorityOverrides = null,
    long? BoundAtMs = null);
