using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Live;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Spatial;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Live;

/// <summary>
/// <c>GET /api/live?kind=&amp;area=&amp;bbox=</c>: twin changes and alerts as Server-Sent Events
/// (<see cref="LiveEventStream"/>), filtered by asset kind, area and box, and by the key's areas.
/// </summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/live").WithTags(ApiTags.Alerts).RequireAuthorization(AccessPolicies.Read).MapGet("/", Subscribe)
            .Documented(
                "streamLive",
                "Follow twin changes and alerts as they happen",
                "A Server-Sent Events stream. It opens with a `: subscribed` comment, then carries `twin` events (an asset's status and the latest values a message changed), `alert` events (raised or cleared, as listed by `listAlerts`), a `: keep-alive` comment every 15 s, "
                + "`lagged` (`{\"dropped\": n}`: the client read too slowly and the oldest events were dropped) and, on resuming with an id the node no longer holds, `reset` (`{\"reason\": …}`). "
                + "Twin and alert events carry an `id`; reconnecting with `Last-Event-ID` replays the events missed since. Filters combine; a key limited to some areas gets only their events.")
            .Parameters(
                new ParameterDoc("kind", "Only events of assets of this kind.", () => ApiSchemas.Ref("DeviceKind")),
                ApiParameters.Area.Describe("Only events of assets in this area."),
                ApiParameters.Bbox.Describe("Only events of assets standing in this box: `minLon,minLat,maxLon,maxLat`."),
                new ParameterDoc("Last-Event-ID", "The `id` of the last event received, to resume after it.", () => ApiSchemas.String(), In: Microsoft.OpenApi.ParameterLocation.Header))
            .Responds(200, "The event stream; it ends when the client disconnects.", ("text/event-stream", () => ApiSchemas.String("Server-Sent Events: `id`, `event` (`twin`, `alert`, `lagged`, `reset`) and `data` (one JSON object) lines, and comments.")))
            .Answers(ApiProblems.BadQuery, ApiProblems.BadBbox, ApiProblems.AreaNotFound);
        return app;
    }

    public static Results<LiveEventStream, ProblemHttpResult> Subscribe(
        string? kind,
        string? area,
        string? bbox,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        LiveFeed feed,
        AreaCatalog areas,
        IOptions<LiveOptions> options,
        ClaimsPrincipal user)
    {
        if (!KindParameter.TryOptional(kind, out var assetKind, out var problem))
        {
            return problem!.ToResult();
        }

        if (area is not null && (areas.Current.Find(area) is null || !user.CanSeeArea(area)))
        {
            return ApiProblems.AreaNotFound.Result($"no area '{area}'");
        }

        GeoBox? box = null;
        if (bbox is not null)
        {
            if (!SpatialParameters.TryBox(bbox, out var parsed, out problem))
            {
                return problem!.ToResult();
            }

            box = parsed;
        }

        return new LiveEventStream(feed, new LiveFilter(user.AreaScope(), assetKind, area, box), options.Value.HeartbeatInterval, lastEventId);
    }
}
