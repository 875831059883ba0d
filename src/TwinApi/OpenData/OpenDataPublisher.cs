using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Inventory;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// Builds the open-data documents of a kind. The assets come from the <see cref="AssetInventory"/>
/// (all of the kind) or a map query (a box or an area); the latest values from their twins, asked
/// <see cref="TwinsAtOnce"/> at a time and written as they come, so memory follows the batch, not
/// the fleet; the history from one time-series query for every asset at once.
/// </summary>
public sealed class OpenDataPublisher(
    IGrainFactory grains,
    AssetInventory inventory,
    SpatialSearch search,
    ITimeSeriesStore series,
    AreaCatalog areas,
    IOptions<OpenDataOptions> options,
    OpenDataMetrics metrics)
{
    public const string GeoJsonMediaType = "application/geo+json";

    public const int TwinsAtOnce = 256;

    /// <summary>The ids of the kind's assets in service within the scope, in id order.</summary>
    /// <exception cref="SpatialQueryException">The box covers too many map cells.</exception>
    public async Task<IReadOnlyList<string>> AssetsAsync(DeviceKind kind, OpenDataScope scope)
    {
        if (scope.Box is null && scope.AreaId is null)
        {
            return await inventory.ListAsync(kind);
        }

        var ids = new List<string>();
        var filter = new SpatialFilter(kind);
        string? cursor = null;
        do
        {
            var page = scope.Box is { } box
                ? await search.InBoxAsync(box, filter, SpatialSearch.MaxLimit, cursor)
                : await search.InAreaAsync(scope.AreaId!, filter, SpatialSearch.MaxLimit, cursor);
            ids.AddRange(page.Items.Select(hit => hit.Entry.AssetId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return ids;
    }

    /// <summary>How many of the kind's assets are in service within the scope.</summary>
    public async Task<int> CountAsync(DeviceKind kind, OpenDataScope scope) =>
        scope == OpenDataScope.All ? await inventory.CountAsync(kind) : (await AssetsAsync(kind, scope)).Count;

    public async Task<OpenDataDocument> GeoJsonAsync(DeviceKind kind, OpenDataScope scope)
    {
        metrics.Built("geojson");
        var ids = await AssetsAsync(kind, scope);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            var geoJson = new OpenGeoJsonWriter(writer, kind, OpenLicence.From(options.Value), options.Value.SuppressBelow, areas.Current);
            geoJson.WriteStart();
            foreach (var batch in ids.Chunk(TwinsAtOnce))
            {
                foreach (var twin in await Task.WhenAll(batch.Select(id => grains.GetGrain<IAssetTwinGrain>(id).GetSnapshotAsync())))
                {
                    // Listings lag a little: an asset decommissioned since is left out here.
                    if (twin is { Registration: { } registration, Decommissioned: false } && registration.Kind == kind)
                    {
                        geoJson.Write(twin);
                    }
                }
            }

            geoJson.WriteEnd();
        }

        return OpenDataDocument.Of(buffer.WrittenSpan.ToArray(), GeoJsonMediaType);
    }

    /// <summary>
    /// The kind's history in the window: every asset with readings in it (those since
    /// decommissioned included), or those of the area (by the area their readings were taken in),
    /// or those in the box now.
    /// </summary>
    public async Task<OpenDataDocument> CsvAsync(DeviceKind kind, OpenDataScope scope, HistoryWindow window)
    {
        metrics.Built("csv");
        var fields = OpenFields.For(kind);
        var rows = fields.Count == 0
            ? []
            : await series.AggregateByAssetAsync(kind, scope.AreaId, [.. fields.Select(f => new FieldAggregate(f.Name, f.Window))], window.EveryMs, window.FromMs, window.ToMs, CancellationToken.None);
        IEnumerable<AssetWindow> published = rows;
        if (scope.Box is not null)
        {
            var inBox = new HashSet<string>(await AssetsAsync(kind, scope), StringComparer.Ordinal);
            published = rows.Where(row => inBox.Contains(row.AssetId));
        }

        return OpenDataDocument.Of(OpenCsvWriter.Write(fields, published, options.Value.SuppressBelow), OpenCsvWriter.MediaType);
    }
}
