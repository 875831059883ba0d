using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Alerts;

/// <summary>
/// An alert raised by a twin: which asset, what, how severe, when it was raised and, once the
/// condition is over, when it cleared, with a reason in words for operators.
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
    DateTimeOffset? ClearedAt = null)
{
    public bool IsActive => ClearedAt is null;
}
