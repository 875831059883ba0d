using UrbanTwin.Contracts;

namespace UrbanTwin.TimeSeries.Series;

/// <summary>
/// The time series behind one interface, twice implemented: InfluxDB (production) and an embedded
/// SQLite store (the single-node default, so history works without any server).
/// </summary>
public interface ITimeSeriesStore
{
    /// <summary>Creates what the store needs (database, retention policies, tables) when missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Queues readings for writing (buffered; see <see cref="FlushAsync"/>).</summary>
    ValueTask AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken);

    /// <summary>Makes everything appended so far visible to queries.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>An asset's raw values of one field in [from, to), oldest first.</summary>
    Task<IReadOnlyList<SeriesValue>> RawAsync(DeviceKind kind, string assetId, string field, long fromMs, long toMs, CancellationToken cancellationToken);

    /// <summary>
    /// Window aggregates of one field in [from, to) over windows of <paramref name="everyMs"/> aligned
    /// to the Unix epoch, for one asset or (with <paramref name="byArea"/>) every asset of an area;
    /// empty windows are left out.
    /// </summary>
    Task<IReadOnlyList<SeriesValue>> AggregateAsync(DeviceKind kind, string key, bool byArea, string field, Aggregate aggregate, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken);

    /// <summary>
    /// Window aggregates of several fields for every asset of a kind at once (or, with
    /// <paramref name="areaId"/>, every asset whose readings carry that area) in [from, to), over
    /// windows of <paramref name="everyMs"/> aligned to the Unix epoch: one row per asset, area and
    /// window with a value of at least one of the fields, in <see cref="AssetWindow.Order"/>.
    /// Takes <see cref="Aggregate.Mean"/>, <see cref="Aggregate.Sum"/>, <see cref="Aggregate.Min"/>
    /// and <see cref="Aggregate.Max"/>.
    /// </summary>
    Task<IReadOnlyList<AssetWindow>> AggregateByAssetAsync(DeviceKind kind, string? areaId, IReadOnlyList<FieldAggregate> fields, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken);
}
