using System.Globalization;
using Microsoft.Extensions.Options;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.ServiceDefaults;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// The open data, anonymous and rate-limited per client address: <c>GET /opendata/v1</c> (the
/// catalogue), <c>GET /opendata/v1/{kind}.geojson</c> (each asset in service with its latest open
/// readings) and <c>GET /opendata/v1/{kind}.csv?from=&amp;to=&amp;every=</c> (window means, sums
/// for counts of people), each with <c>bbox</c> or <c>area</c>. Only the fields the contract
/// classifies open are ever written (<see cref="OpenFields"/>); counts of fewer than k people are
/// withheld. Documents are built once per <see cref="OpenDataOptions.CacheDuration"/> per node.
/// </summary>
public static class OpenDataApi
{
    public const string Prefix = "/opendata/v1";

    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddValidatedOptions<OpenDataOptions>(OpenDataOptions.Section);
        services.AddSingleton<OpenDataMetrics>();
        services.AddSingleton<OpenDataCache>();
        services.AddSingleton<OpenDataPublisher>();
        return services.AddOpenDataRateLimit();
    }

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags(ApiTags.OpenData).AllowAnonymous().RequireRateLimiting(OpenDataRateLimit.Policy);
        var kind = new ParameterDoc("kind", "The kind of asset.", () => ApiSchemas.Ref("DeviceKind"), Example: "footfall", In: Microsoft.OpenApi.ParameterLocation.Path);
        var bbox = ApiParameters.Bbox.Describe("Only the assets on the map in this box now: `minLon,minLat,maxLon,maxLat`; not with `area`.");
        group.MapGet("/", Catalogue)
            .Documented("getOpenDataCatalogue", "What the open data holds", "The licence, the threshold below which counts of people are withheld, and per kind its open fields with links to its GeoJSON and CSV.")
            .Parameters(OpenDataCaching.IfNoneMatch)
            .Responds(200, "The catalogue.", ("application/json", () => ApiSchemas.Ref(ApiSchemas.OpenDataCatalogue)))
            .Responds(304, OpenDataCaching.NotModified);
        group.MapGet("/{kind}.geojson", GeoJsonAsync)
            .Documented(
                "getOpenReadings",
                "The latest open readings of a kind",
                "Every asset of the kind in service as a GeoJSON point with its latest open readings (only fields the device contract classifies open; counts of fewer than k people withheld), in asset id order.")
            .Parameters(kind, bbox, ApiParameters.Area.Describe("Only the assets registered in this area; not with `bbox`."), OpenDataCaching.IfNoneMatch)
            .Responds(200, "The readings.", ("application/geo+json", () => ApiSchemas.Ref(ApiSchemas.OpenFeatureCollection)))
            .Responds(304, OpenDataCaching.NotModified)
            .Answers(ApiProblems.NotFound, ApiProblems.BadQuery, ApiProblems.BadBbox, ApiProblems.QueryTooLarge, ApiProblems.AreaNotFound);
        group.MapGet("/{kind}.csv", CsvAsync)
            .Documented(
                "getOpenHistory",
                "The open history of a kind, per window",
                "One CSV row per asset and window with at least one value (RFC 4180, UTF-8, CRLF, a header row `time,asset,area,` then the open fields, and `suppressed` for kinds that count people). Measurements are window means, counts of people window sums. At most 31 days and 1,000,000 rows.")
            .Parameters(
                kind,
                bbox,
                ApiParameters.Area.Describe("Only the readings taken in this area; not with `bbox`."),
                ApiParameters.From.Describe("The start of the range: an RFC 3339 time; default a day before `to`; rounded down to a whole window."),
                ApiParameters.To.Describe("The end of the range: an RFC 3339 time; default now; rounded up to a whole window."),
                new ParameterDoc("every", "The window: whole minutes, hours or days (`15m`, `1h`, `1d`), at least `1m`; default `1h`.", () => ApiSchemas.String(pattern: "^[0-9]+[mhd]$"), Example: "1h"),
                OpenDataCaching.IfNoneMatch)
            .Responds(200, "The history.", ("text/csv", () => ApiSchemas.String("RFC 4180 CSV with a header row.")))
            .Responds(304, OpenDataCaching.NotModified)
            .Answers(ApiProblems.NotFound, ApiProblems.BadQuery, ApiProblems.BadBbox, ApiProblems.QueryTooLarge, ApiProblems.AreaNotFound, ApiProblems.BadTimeRange, ApiProblems.TimeRangeTooLarge);
        return app;
    }

    public static IResult Catalogue(HttpRequest request, IOptions<OpenDataOptions> options, OpenDataMetrics metrics)
    {
        metrics.Requested("catalogue");
        return new OpenDataResult(OpenDataCatalogue.Build(OpenLicence.From(options.Value), options.Value.SuppressBelow, request.PathBase), options.Value);
    }

    public static async Task<IResult> GeoJsonAsync(string kind, HttpRequest request, OpenDataPublisher publisher, OpenDataCache cache, AreaCatalog areas, IOptions<OpenDataOptions> options, OpenDataMetrics metrics)
    {
        metrics.Requested("geojson");
        if (!OpenDataParameters.TryKind(kind, out var parsed, out var problem) || !OpenDataParameters.TryScope(request.Query, areas.Current, out var scope, out problem))
        {
            return problem!.ToResult();
        }

        try
        {
            return new OpenDataResult(await cache.GetOrBuildAsync($"geojson|{kind}|{scope.Key}", () => publisher.GeoJsonAsync(parsed, scope)), options.Value);
        }
        catch (SpatialQueryException ex)
        {
            return ProblemOf(ex).Result(ex.Message);
        }
    }

    public static async Task<IResult> CsvAsync(string kind, HttpRequest request, OpenDataPublisher publisher, OpenDataCache cache, AreaCatalog areas, TimeProvider time, IOptions<OpenDataOptions> options, OpenDataMetrics metrics)
    {
        metrics.Requested("csv");
        var settings = options.Value;
        if (!OpenDataParameters.TryKind(kind, out var parsed, out var problem)
            || !OpenDataParameters.TryScope(request.Query, areas.Current, out var scope, out problem)
            || !OpenDataParameters.TryHistory(request.Query, time.GetUtcNow(), settings.MaxCsvRange, out var window, out problem))
        {
            return problem!.ToResult();
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"csv|{kind}|{scope.Key}|{window.FromMs}|{window.ToMs}|{window.EveryMs}");
        try
        {
            if (!cache.TryGet(key, out var document))
            {
                // Refused before any query; the estimate counts the assets in service now.
                var assets = await publisher.CountAsync(parsed, scope);
                if ((double)assets * window.Windows > settings.MaxCsvRows)
                {
                    return ApiProblems.TimeRangeTooLarge.Result(string.Create(CultureInfo.InvariantCulture, $"{assets} assets × {window.Windows} windows is more than the {settings.MaxCsvRows} rows a CSV may have; narrow the range, widen every, or give an area or bbox"));
                }

                document = cache.GetOrBuildAsync(key, () => publisher.CsvAsync(parsed, scope, window));
            }

            return new OpenDataResult(await document, settings);
        }
        catch (SpatialQueryException ex)
        {
            return ProblemOf(ex).Result(ex.Message);
        }
    }

    /// <summary>A box is checked before the query; what the map can still refuse is its size.</summary>
    private static ApiProblem ProblemOf(SpatialQueryException refusal) =>
        refusal.Reason == SpatialQueryReasons.TooManyCells ? ApiProblems.QueryTooLarge : ApiProblems.BadQuery;
}

/// <summary>What every open-data answer says about caching, for the document.</summary>
internal static class OpenDataCaching
{
    public const string NotModified = "The document has not changed since the `ETag` given in `If-None-Match`; no body.";

    public static readonly ParameterDoc IfNoneMatch = new(
        "If-None-Match", "The `ETag` of a copy held: answered `304` without a body while it is current.", () => ApiSchemas.String(), In: Microsoft.OpenApi.ParameterLocation.Header);
}
