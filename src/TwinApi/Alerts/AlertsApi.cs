using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Alerts;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Alerts;

/// <summary>
/// <c>GET /api/alerts?active=&amp;kind=&amp;area=&amp;limit=</c>: the city's alert book, newest
/// first; the active alerts by default, or (<c>active=false</c>) the recent history of alerts
/// raised and cleared. A key limited to some areas sees the alerts of assets in them only; the
/// platform's own alerts (no area) are for keys that see every area.
/// </summary>
public static class AlertsApi
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = AlertBookGrain.HistoryLimit;

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/alerts").WithTags(ApiTags.Alerts).RequireAuthorization(AccessPolicies.Read).MapGet("/", ListAsync)
            .Documented(
                "listAlerts",
                "List the city's alerts",
                $"Newest first: the active alerts, or with `active=false` the recent history of alerts raised and cleared (the last {MaxLimit:N0}). A key limited to some areas sees only the alerts of assets in them, never the platform's own.")
            .Parameters(
                new ParameterDoc("active", "`true` (default): the active alerts; `false`: the recent history.", () => ApiSchemas.Enum(null, "true", "false")),
                new ParameterDoc("kind", "Only alerts of assets of this kind.", () => ApiSchemas.Ref("DeviceKind")),
                ApiParameters.Area.Describe("Only alerts of assets in this area."),
                new ParameterDoc("limit", $"Alerts at most, 1 to {MaxLimit:N0} (default {DefaultLimit}).", () => ApiSchemas.Integer(minimum: 1, maximum: MaxLimit)))
            .Answers(ApiProblems.BadQuery, ApiProblems.AreaNotFound);
        return app;
    }

    public static async Task<Results<Ok<AlertList>, ProblemHttpResult>> ListAsync(string? active, string? kind, string? area, string? limit, IGrainFactory grains, AreaCatalog areas, ClaimsPrincipal user)
    {
        if (active is not (null or "true" or "false"))
        {
            return ApiProblems.BadQuery.Result("active must be true or false");
        }

        if (!KindParameter.TryOptional(kind, out var assetKind, out var problem))
        {
            return problem!.ToResult();
        }

        if (area is not null && (areas.Current.Find(area) is null || !user.CanSeeArea(area)))
        {
            return ApiProblems.AreaNotFound.Result($"no area '{area}'");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return ApiProblems.BadQuery.Result($"limit must be a whole number from 1 to {MaxLimit}");
        }

        var onlyActive = active != "false";
        var book = grains.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key);
        var alerts = onlyActive ? (await book.GetActiveAsync()).Reverse() : await book.GetRecentAsync(MaxLimit);
        var visible = alerts
            .Where(a => user.CanSeeArea(a.AreaId) && (assetKind is null || a.AssetKind == assetKind) && (area is null || a.AreaId == area))
            .Take(count)
            .ToList();
        return TypedResults.Ok(new AlertList(onlyActive, visible));
    }
}
