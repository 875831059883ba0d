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

namespace UrbanTwin.TwinApi.Live;

/// <summary>
/// <c>GET /api/live?kind=&amp;area=&amp;bbox=</c>: twin changes and alerts as Server-Sent Events
/// (<see cref="LiveEventStream"/>), filtered by asset kind, area and box, and by the key's areas.
/// </summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/live").WithTags("Live").RequireAuthorization(AccessPolicies.Read).MapGet("/", Subscribe);
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
