using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.GeoJson;
using UrbanTwin.TwinApi.Json;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Spatial;

/// <summary>
/// Finding assets by place: <c>GET /api/assets?bbox=</c>, <c>?near=&amp;radius=</c>,
/// <c>?near=&amp;k=</c>, <c>POST /api/assets/search</c> (a GeoJSON Polygon or MultiPolygon) and
/// <c>GET /api/areas/{areaId}/assets</c>; each with <c>kind</c>, <c>status</c>, <c>limit</c> and
/// <c>cursor</c>. A key limited to some areas only ever sees assets in them.
/// </summary>
public static class SpatialApi
{
    public static IEndpointRouteBuilder MapSpatialApi(this IEndpointRouteBuilder app)
    {
        var assets = app.MapGroup("/api/assets").WithTags(ApiTags.Map).RequireAuthorization(AccessPolicies.Read);
        assets.MapGet("/", Find)
            .Documented(
                "findAssets",
                "Find assets by place",
                "Say where with one of: `bbox` (the assets in a box, by id), `near` with `radius` (within that many metres, nearest first) or `near` with `k` (the k nearest, nearest first, no paging). "
                + "Decommissioned assets are not on the map. With `Accept: application/geo+json` the page is a GeoJSON FeatureCollection of points.")
            .Parameters(
                ApiParameters.Bbox,
                new ParameterDoc("near", "A point: `lon,lat` in degrees; with `radius` or `k`.", () => ApiSchemas.String(pattern: "^[^,]+,[^,]+$"), Example: "-0.1276,51.5072"),
                new ParameterDoc("radius", "Metres around `near`: more than 0, at most `Spatial:MaxRadiusMetres` (20,000 by default).", () => ApiSchemas.Number(), Example: 500),
                new ParameterDoc("k", $"How many nearest assets to `near`, 1 to {SpatialSearch.MaxNearest}; takes no `radius`, `limit` or `cursor`.", () => ApiSchemas.Integer(minimum: 1, maximum: SpatialSearch.MaxNearest)),
                ApiParameters.Kind,
                ApiParameters.Status,
                ApiParameters.Limit,
                ApiParameters.Cursor)
            .Responds(200, "A page of assets.", AssetPageContent)
            .Answers(ApiProblems.BadQuery, ApiProblems.BadBbox, ApiProblems.BadPoint, ApiProblems.RadiusTooLarge, ApiProblems.BadCursor, ApiProblems.QueryTooLarge);
        assets.MapPost("/search", Search)
            .Documented(
                "searchAssets",
                "Find the assets inside a shape",
                "The assets inside a GeoJSON Polygon or MultiPolygon (bare, or as a Feature's geometry), by id, in pages. Decommissioned assets are not on the map.")
            .Parameters(ApiParameters.Kind, ApiParameters.Status, ApiParameters.Limit, ApiParameters.Cursor)
            .Reads("The shape.", ("application/json", () => ApiSchemas.Ref(ApiSchemas.SearchArea)), ("application/geo+json", () => ApiSchemas.Ref(ApiSchemas.SearchArea)))
            .Responds(200, "A page of assets.", AssetPageContent)
            .Answers(ApiProblems.BadQuery, ApiProblems.BadGeometry, ApiProblems.BadCursor, ApiProblems.QueryTooLarge);
        app.MapGroup("/api/areas").WithTags(ApiTags.Map).RequireAuthorization(AccessPolicies.Read).MapGet("/{areaId}/assets", InArea)
            .Documented("listAreaAssets", "List an area's assets", "The assets registered in a named area, by id, in pages. Decommissioned assets are not on the map.")
            .Parameters(ApiParameters.AreaId, ApiParameters.Kind, ApiParameters.Status, ApiParameters.Limit, ApiParameters.Cursor)
            .Responds(200, "A page of assets.", AssetPageContent)
            .Answers(ApiProblems.BadQuery, ApiProblems.BadCursor, ApiProblems.AreaNotFound);
        return app;
    }

    private static readonly (string, Func<Microsoft.OpenApi.IOpenApiSchema>)[] AssetPageContent =
    [
        ("application/json", () => ApiSchemas.Ref(ApiSchemas.AssetPage)),
        (AssetListing.GeoJsonMediaType, () => ApiSchemas.Ref(ApiSchemas.AssetFeatureCollection)),
    ];

    public static async Task<IResult> Find(HttpRequest request, SpatialSearch search, IOptions<SpatialOptions> options, ClaimsPrincipal user)
    {
        var query = request.Query;
        if (!SpatialParameters.TryFilter(query, user.AreaScope(), out var filter, out var problem))
        {
            return problem!.ToResult();
        }

        var cursor = SpatialParameters.Cursor(query);
        if (query["bbox"] is { Count: > 0 } bbox)
        {
            if (query["near"].Count > 0)
            {
                return ApiProblems.BadQuery.Result("give either bbox or near, not both");
            }

            if (!SpatialParameters.TryBox(bbox.ToString(), out var box, out problem) || !SpatialParameters.TryLimit(query, SpatialSearch.MaxLimit, out var limit, out problem))
            {
                return problem!.ToResult();
            }

            return await RunAsync(() => search.InBoxAsync(box, filter, limit, cursor));
        }

        if (query["near"] is { Count: > 0 } near)
        {
            if (!SpatialParameters.TryPoint(near.ToString(), out var lon, out var lat, out problem))
            {
                return problem!.ToResult();
            }

            if (query["k"] is { Count: > 0 } k)
            {
                if (query["radius"].Count > 0 || cursor is not null || query["limit"].Count > 0)
                {
                    return ApiProblems.BadQuery.Result("k (nearest) takes neither radius, limit nor cursor");
                }

                if (!int.TryParse(k.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1 || count > SpatialSearch.MaxNearest)
                {
                    return ApiProblems.BadQuery.Result($"k must be a whole number from 1 to {SpatialSearch.MaxNearest}");
                }

                return await RunAsync(() => search.NearestAsync(lon, lat, count, filter));
            }

            if (query["radius"] is not { Count: > 0 } radiusText)
            {
                return ApiProblems.BadQuery.Result("near needs radius (metres) or k (nearest)");
            }

            if (!SpatialParameters.TryRadius(radiusText.ToString(), options.Value.MaxRadiusMetres, out var radius, out problem) || !SpatialParameters.TryLimit(query, SpatialSearch.MaxLimit, out var limit, out problem))
            {
                return problem!.ToResult();
            }

            return await RunAsync(() => search.InRadiusAsync(lon, lat, radius, filter, limit, cursor));
        }

        return ApiProblems.BadQuery.Result("say where: bbox=minLon,minLat,maxLon,maxLat, near=lon,lat with radius or k, POST /api/assets/search, or /api/areas/{areaId}/assets");
    }

    /// <summary>The body is a GeoJSON Polygon or MultiPolygon, bare or as a Feature's geometry.</summary>
    public static async Task<IResult> Search(HttpRequest request, SpatialSearch search, GeometryFactory factory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (!SpatialParameters.TryFilter(query, user.AreaScope(), out var filter, out var problem) || !SpatialParameters.TryLimit(query, SpatialSearch.MaxLimit, out var limit, out problem))
        {
            return problem!.ToResult();
        }

        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || mediaType.MediaType.Value is not ("application/json" or AssetListing.GeoJsonMediaType))
        {
            return ApiProblems.UnsupportedMediaType.Result(BareStatusDetail.UnsupportedMediaType(request.ContentType, ["application/json", AssetListing.GeoJsonMediaType]));
        }

        Geometry polygon;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, ApiJson.DocumentOptions, cancellationToken);
            var root = document.RootElement;
            var isFeature = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Feature";
            polygon = isFeature
                ? new GeoJsonReader(factory).ReadArea(root.TryGetProperty("geometry", out var g) ? g : default, "$.geometry")
                : new GeoJsonReader(factory).ReadArea(root);
        }
        catch (JsonException ex)
        {
            return ApiProblems.BadRequest.Result(JsonBodyError.Describe(ex));
        }
        catch (GeoJsonException ex)
        {
            return ApiProblems.BadGeometry.Result(ex.Message, new Dictionary<string, object?> { ["path"] = ex.Path });
        }

        var cursor = SpatialParameters.Cursor(query);
        return await RunAsync(() => search.InPolygonAsync(polygon, filter, limit, cursor));
    }

    public static async Task<IResult> InArea(string areaId, HttpRequest request, SpatialSearch search, AreaCatalog areas, ClaimsPrincipal user)
    {
        if (areas.Current.Find(areaId) is null || !user.CanSeeArea(areaId))
        {
            return ApiProblems.AreaNotFound.Result($"no area '{areaId}'");
        }

        var query = request.Query;
        if (!SpatialParameters.TryFilter(query, user.AreaScope(), out var filter, out var problem) || !SpatialParameters.TryLimit(query, SpatialSearch.MaxLimit, out var limit, out problem))
        {
            return problem!.ToResult();
        }

        var cursor = SpatialParameters.Cursor(query);
        return await RunAsync(() => search.InAreaAsync(areaId, filter, limit, cursor));
    }

    private static async Task<IResult> RunAsync(Func<Task<SpatialPage>> query)
    {
        try
        {
            return new AssetListing(await query());
        }
        catch (SpatialQueryException ex)
        {
            var problem = ex.Reason switch
            {
                SpatialQueryReasons.TooManyCells => ApiProblems.QueryTooLarge,
                SpatialQueryReasons.InvalidPolygon => ApiProblems.BadGeometry,
                SpatialQueryReasons.BadRadius or SpatialQueryReasons.RadiusTooLarge => ApiProblems.RadiusTooLarge,
                SpatialQueryReasons.BadCursor => ApiProblems.BadCursor,
                SpatialQueryReasons.BadCoordinates => ApiProblems.BadPoint,
                _ => ApiProblems.BadQuery,
            };
            return problem.Result(ex.Message);
        }
    }
}
