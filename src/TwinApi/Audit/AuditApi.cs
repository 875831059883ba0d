using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.History;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Audit;

/// <summary>
/// The audit log service (<see cref="AddAuditLog"/>) and <c>GET /api/audit?from=&amp;to=&amp;limit=</c>
/// (admin): entries newest first; times as <see cref="TimeRangeParameters"/> reads them, <c>to</c>
/// defaulting to now and <c>from</c> to 31 days before <c>to</c>, which is also the widest range;
/// <c>limit</c> 1 to 1000, default 100.
/// </summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;

    public static IServiceCollection AddAuditLog(this IServiceCollection services) => services.AddSingleton<AuditLog>();

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags(ApiTags.Audit).RequireAuthorization(AccessPolicies.Admin).MapGet("/", ReadAsync)
            .Documented("readAuditLog", "Read the audit log", "The changes made through this API with `from` ≤ time < `to`, newest first: when, which key, what and on what. Secrets never appear in it.")
            .Parameters(
                ApiParameters.From.Describe("The start of the range, included: an RFC 3339 time; default 31 days before `to`. The range may span at most 31 days."),
                ApiParameters.To,
                new ParameterDoc("limit", "Entries at most, 1 to 1,000 (default 100).", () => ApiSchemas.Integer(minimum: 1, maximum: 1000)))
            .Answers(ApiProblems.BadTimeRange, ApiProblems.BadQuery);
        return app;
    }

    internal static async Task<Results<Ok<AuditLogPage>, ProblemHttpResult>> ReadAsync(string? from, string? to, string? limit, AuditLog audit, TimeProvider time)
    {
        if (!TimeRangeParameters.TryRange(from, to, time.GetUtcNow(), AuditLog.MaxRange, out var start, out var end, out var problem))
        {
            return problem!.ToResult();
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
}
