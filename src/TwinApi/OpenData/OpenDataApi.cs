using System.Globalization;
using Microsoft.Extensions.Options;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Problems;

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
        services.AddOptions<OpenDataOptions>().BindConfiguration(OpenDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OpenDataMetrics>();
        services.AddSingleton<OpenDataCache>();
        services.AddSingleton<OpenDataPublisher>();
        return services.AddOpenDataRateLimit();
    }

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Open data").AllowAnonymous().RequireRateLimiting(OpenDataRateLimit.Policy);
        group.MapGet("/", Catalogue);
        group.MapGet("/{kind}.geojson", GeoJsonAsync);
        group.MapGet("/{kind}.csv", CsvAsync);
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
