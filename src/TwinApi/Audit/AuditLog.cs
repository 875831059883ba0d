using System.Security.Claims;
using Orleans;
using UrbanTwin.Grains.Abstractions.Audit;
using UrbanTwin.TwinApi.Access;

namespace UrbanTwin.TwinApi.Audit;

/// <summary>
/// The audit log: every change made through the API, who made it and when, for admins to read.
/// Kept in grain storage, one grain per UTC day (<see cref="IAuditDayGrain"/>), so it survives
/// restarts, is shared by every node of a cluster, and no grain grows without bound.
/// </summary>
public sealed class AuditLog(IGrainFactory grains, TimeProvider time)
{
    public const int MaxLimit = 1000;

    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    /// <summary>Records a change that was made; completes once the entry is stored.</summary>
    /// <param name="who">The caller (the endpoint's <see cref="ClaimsPrincipal"/>), recorded as its <see cref="AccessClaims.Actor"/>.</param>
    /// <param name="action">What happened: one of <see cref="AuditActions"/>.</param>
    /// <param name="target">What it happened to, as <c>kind:id</c>.</param>
    /// <param name="detail">Anything else worth knowing. Never a secret.</param>
    public Task RecordAsync(ClaimsPrincipal who, string action, string target, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var entry = new AuditEntry(time.GetUtcNow(), who.Actor(), action, target, detail);
        return grains.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyFor(DateOnly.FromDateTime(entry.Time.UtcDateTime))).AppendAsync(entry);
    }

    /// <summary>The entries with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to - from, MaxRange, nameof(to));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var entries = new List<AuditEntry>();
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        for (var day = DateOnly.FromDateTime(to.AddTicks(-1).UtcDateTime); day >= first && entries.Count < limit; day = day.AddDays(-1))
        {
            entries.AddRange(await grains.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyFor(day)).GetNewestAsync(from, to, limit - entries.Count));
        }

        return entries;
    }
}
