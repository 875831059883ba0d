namespace UrbanTwin.Grains.Abstractions.Audit;

/// <summary>
/// One change in the audit log: when, who (the API key's id and name), what (an action such as
/// <c>key.created</c>), on what (a target such as <c>key:3f9c…</c>) and an optional detail. Never
/// a secret.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.AuditEntry")]
public sealed record AuditEntry(DateTimeOffset Time, string Actor, string Action, string Target, string? Detail);
