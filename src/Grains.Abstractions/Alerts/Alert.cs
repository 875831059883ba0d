using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Alerts;

/// <summary>
/// An alert raised by a twin: which asset, what, how severe, when it was raised and, once the
/// condition is over, when it cleared, with a reason in words for operators. <see cref="AreaId"/>
/// is the asset's area when the alert was raised (null for the platform's own alerts and assets
/// in no area): area-scoped API keys see an alert by it.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.Alert")]
public sealed record Alert(
    string AlertId,
    string AssetId,
    DeviceKind? AssetKind,
    AlertKind Kind,
    AlertSeverity Severity,
    DateTimeOffset RaisedAt,
    string Reason,
    DateTimeOffset? ClearedAt = null,
    string? AreaId = null)
{
    public bool IsActive => ClearedAt is null;
}
