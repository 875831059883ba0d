using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.ServiceDefaults;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.History;

/// <summary>
/// The time series through the API: <c>GET /api/assets/{id}/history</c> (raw points or window
/// aggregates of an asset's fields) and <c>GET /api/areas/{areaId}/history</c> (window aggregates
/// of one field over an area's assets of a kind). Work is bounded by <see cref="HistoryOptions"/>;
/// a key limited to some areas reads only theirs.
/// </summary>
public static class HistoryApi
{
    /// <summary>The area history's windows when the request names none.</summary>
    public static readonly TimeSpan DefaultAreaEvery = TimeSpan.FromHours(1);

    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddValidatedOptions<HistoryOptions>(HistoryOptions.Section);
        return services;
    }

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var every = new ParameterDoc(
            "every",
            "A window length: `30s`, `15m`, `1h`, `1d`, `1w` or an ISO 8601 duration (`PT15M`, `P1D`; no years or months), from 1 second to 366 days. Windows are aligned to the Unix epoch; a window's time is its start; windows without readings are left out.",
            () => ApiSchemas.String(),
            Example: "1h");
        var agg = new ParameterDoc("agg", "How a window's readings become one value (default `mean`); only with `every`.", () => ApiSchemas.Ref("Aggregate"));
        app.MapGroup("/api/assets").WithTags(ApiTags.History).RequireAuthorization(AccessPolicies.Read).MapGet("/{id}/history", ForAssetAsync)
            .Documented(
                "getAssetHistory",
                "Read an asset's readings over time",
                "Raw points, or with `every` one aggregate per window, of the asset's numeric fields in `from` ≤ time < `to` (default: the last 24 hours). Raw points may span at most 7 days and number at most 100,000; at most 10,000 windows per field. Wider requests are refused, not truncated. A decommissioned asset's history stays readable.")
            .Parameters(
                ApiParameters.AssetId,
                ApiParameters.From.Describe("The start of the range, included: an RFC 3339 time (encode a `+` offset as `%2B`, or use `Z`) from 1970 to 9999; default 24 hours before `to`."),
                ApiParameters.To,
                new ParameterDoc("fields", "A comma-separated list of the kind's numeric fields by their contract names; default every one, in contract order.", () => ApiSchemas.String(), Example: "no2,pm2_5"),
                every.Describe(every.Description + " Without it, raw points."),
                agg)
            .Answers(ApiProblems.InvalidAsset, ApiProblems.BadTimeRange, ApiProblems.TimeRangeTooLarge, ApiProblems.UnknownField, ApiProblems.BadQuery, ApiProblems.AssetNotFound);
        app.MapGroup("/api/areas").WithTags(ApiTags.History).RequireAuthorization(AccessPolicies.Read).MapGet("/{areaId}/history", ForAreaAsync)
            .Documented(
                "getAreaHistory",
                "Read one field over an area's assets over time",
                "One aggregate per window of one field over every asset of a kind that was in the area when it took the reading, in `from` ≤ time < `to` (default: the last 24 hours). At most 10,000 windows.")
            .Parameters(
                ApiParameters.AreaId,
                ApiParameters.Kind.Describe("The kind of asset.").Require(),
                new ParameterDoc("field", "The field, by its contract name.", () => ApiSchemas.String(), Required: true, Example: "no2"),
                ApiParameters.From.Describe("The start of the range, included: an RFC 3339 time (encode a `+` offset as `%2B`, or use `Z`) from 1970 to 9999; default 24 hours before `to`."),
                ApiParameters.To,
                every.Describe(every.Description + " Default `1h`."),
                agg)
            .Answers(ApiProblems.BadTimeRange, ApiProblems.TimeRangeTooLarge, ApiProblems.UnknownField, ApiProblems.BadQuery, ApiProblems.AreaNotFound);
        return app;
    }

    public static async Task<Results<Ok<AssetHistory>, ProblemHttpResult>> ForAssetAsync(
        string id, string? from, string? to, string? fields, string? every, string? agg,
        Fleet fleet, ITimeSeriesStore series, IOptions<HistoryOptions> options, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (twin, notFound) = await AssetsApi.FindVisibleAsync(id, fleet, user);
        if (notFound is not null)
        {
            return notFound;
        }

        var kind = twin!.Registration!.Kind;
        if (!HistoryParameters.TryRange(from, to, time.GetUtcNow(), out var start, out var end, out var problem)
            || !HistoryParameters.TryFields(kind, fields, out var chosen, out problem)
            || !HistoryParameters.TryWindowing(every, agg, null, out var windowing, out problem)
            || !HistoryParameters.TryBound(options.Value, start, end, windowing, out problem))
        {
            return problem!.ToResult();
        }

        var (fromMs, toMs) = (start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds());
        var values = await Task.WhenAll(chosen.Select(f => windowing is null
            ? series.RawAsync(kind, id, f.Name, fromMs, toMs, cancellationToken)
            : series.AggregateAsync(kind, id, byArea: false, f.Name, windowing.Aggregate, windowing.EveryMs, fromMs, toMs, cancellationToken)));
        if (windowing is null && values.Sum(v => (long)v.Count) is var points && points > options.Value.MaxRawPoints)
        {
            return ApiProblems.TimeRangeTooLarge.Result($"the range holds {points:N0} raw points, more than {options.Value.MaxRawPoints:N0}: shorten it, ask for fewer fields, or ask for windows with every=");
        }

        return TypedResults.Ok(new AssetHistory(id, kind, start, end, windowing?.EveryText, windowing?.Aggregate, UnitsOf(chosen), SeriesOf(chosen, windowing?.Aggregate, values)));
    }

    public static async Task<Results<Ok<AreaHistory>, ProblemHttpResult>> ForAreaAsync(
        string areaId, string? kind, string? field, string? from, string? to, string? every, string? agg,
        AreaCatalog areas, ITimeSeriesStore series, IOptions<HistoryOptions> options, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (areas.Current.Find(areaId) is null || !user.CanSeeArea(areaId))
        {
            return ApiProblems.AreaNotFound.Result($"no area '{areaId}'");
        }

        if (!KindParameter.TryRequired(kind, out var assetKind, out var problem)
            || !HistoryParameters.TryRange(from, to, time.GetUtcNow(), out var start, out var end, out problem)
            || !HistoryParameters.TryField(assetKind, field, out var chosen, out problem)
            || !HistoryParameters.TryWindowing(every, agg, DefaultAreaEvery, out var windowing, out problem)
            || !HistoryParameters.TryBound(options.Value, start, end, windowing, out problem))
        {
            return problem!.ToResult();
        }

        var values = await series.AggregateAsync(assetKind, areaId, byArea: true, chosen.Name, windowing!.Aggregate, windowing.EveryMs, start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds(), cancellationToken);
        return TypedResults.Ok(new AreaHistory(areaId, assetKind, start, end, windowing.EveryText, windowing.Aggregate, UnitsOf([chosen]), SeriesOf([chosen], windowing.Aggregate, [values])));
    }

    private static Dictionary<string, string> UnitsOf(IReadOnlyList<ContractField> fields) =>
        fields.ToDictionary(f => f.Name, f => f.Unit, StringComparer.Ordinal);

    /// <summary>Each field's points; window aggregates to their precision (<see cref="AggregatePrecision"/>), raw points as read.</summary>
    private static Dictionary<string, IReadOnlyList<HistoryPoint>> SeriesOf(IReadOnlyList<ContractField> fields, Aggregate? aggregate, IReadOnlyList<SeriesValue>[] values)
    {
        var series = new Dictionary<string, IReadOnlyList<HistoryPoint>>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            series[field.Name] = values[i].Select(v => new HistoryPoint(DateTimeOffset.FromUnixTimeMilliseconds(v.TimestampMs), aggregate is { } a ? a.Round(field, v.Value) : v.Value)).ToList();
        }

        return series;
    }
}
