using UrbanTwin.Grains.Abstractions.Audit;

namespace UrbanTwin.TwinApi.Audit;

/// <summary>The answer to <c>GET /api/audit</c>: the range read (from inclusive, to exclusive) and its entries, newest first.</summary>
public sealed record AuditLogPage(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AuditEntry> Entries);
