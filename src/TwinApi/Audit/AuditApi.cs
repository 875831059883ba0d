using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Audit;

/// <summary>
/// The audit log service (<see cref="AddAuditLog"/>) and <c>GET /api/audit?from=&amp;to=&amp;limit=</c>
/// (admin): entries newest first; times RFC 3339; <c>to</c> defaults to now, <c>from</c> to 31 days
/// before <c>to</c>, which is also the widest range; <c>limit</c> 1 to 1000, default 100.
/// </summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;

    public static IServiceCollection AddAuditLog(this IServiceCollection services) => services.AddSingleton<AuditLog>();

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").RequireAuthorization(AccessPolicies.Admin).MapGet("/", ReadAsync);
        return app;
    }

    internal static async Task<Results<Ok<AuditLogPage>, ProblemHttpResult>> ReadAsync(string? from, string? to, string? limit, AuditLog audit, TimeProvider time)
    {
        if (ParseTime(to, nameof(to), time.GetUtcNow(), out var end) is { } badTo)
        {
            return badTo;
        }

        if (ParseTime(from, nameof(from), end - AuditLog.MaxRange, out var start) is { } badFrom)
        {
            return badFrom;
        }

        if (start >= end)
        {
            return ApiProblems.BadTimeRange.Result($"from ({start:O}) must be before to ({end:O})");
        }

        if (end - start > AuditLog.MaxRange)
        {
            return ApiProblems.BadTimeRange.Result($"the range may span at most {AuditLog.MaxRange.TotalDays:0} days; it spans {(end - start).TotalDays:0.#}");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > AuditLog.MaxLimit))
        {
            return ApiProblems.BadQuery.Result($"limit must be a whole number from 1 to {AuditLog.MaxLimit}");
        }

        return TypedResults.Ok(new AuditLogPage(start, end, await audit.ReadAsync(start, end, count)));
    }

    /// <returns>The problem when <paramref name="text"/> is not a time; <paramref name="fallback"/> when it is absent.</returns>
    private static ProblemHttpResult? ParseTime(string? text, string name, DateTimeOffset fallback, out DateTimeOffset time)
    {
        time = fallback;
        return text is null || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            ? null
            : ApiProblems.BadTimeRange.Result($"{name} '{text}' is not an RFC 3339 time such as 2025-06-01T09:30:00Z (encode '+' in an offset as %2B)");
    }
}
