using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Embedded;

/// <summary>
/// The time series for the single-node default, in one SQLite file under the data directory
/// (<see cref="ReadingsTable"/>: one row per reading, a re-written point replaces itself as in
/// InfluxDB). Appends are queued and group-committed by one writer thread
/// (<see cref="EmbeddedSeriesWriter"/>), so ingestion never waits on the disk;
/// <see cref="FlushAsync"/> waits for what was queued before it, and a commit that fails is
/// retried until it succeeds, shown meanwhile by <see cref="CommitFailure"/>. Queries read through
/// read-only connections of their own (<see cref="EmbeddedSeriesQueries"/>), never waiting for a
/// commit nor holding one up, and answer as the InfluxDB store does.
/// </summary>
public sealed class SqliteTimeSeriesStore : ITimeSeriesStore, IDisposable
{
    private readonly EmbeddedSeriesWriter _writer;
    private readonly EmbeddedSeriesQueries _queries;
    private int _disposed;

    public SqliteTimeSeriesStore(string databasePath, ILogger logger, IMeterFactory? meters = null, TimeProvider? time = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _writer = new EmbeddedSeriesWriter(databasePath, logger, meters, time ?? TimeProvider.System);
        _queries = new EmbeddedSeriesQueries(databasePath);
    }

    /// <summary>Null while commits succeed; otherwise since when and why they fail (what waits is kept and retried).</summary>
    public CommitFailure? CommitFailure => _writer.Failure;

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        _writer.CreateTable();
        return Task.CompletedTask;
    }

    public ValueTask AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken) => _writer.AppendAsync(points, cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public Task<IReadOnlyList<SeriesValue>> RawAsync(DeviceKind kind, string assetId, string field, long fromMs, long toMs, CancellationToken cancellationToken) =>
        Task.FromResult(_queries.Raw(kind, assetId, field, fromMs, toMs));

    public Task<IReadOnlyList<SeriesValue>> AggregateAsync(DeviceKind kind, string key, bool byArea, string field, Aggregate aggregate, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken) =>
        Task.FromResult(_queries.Windows(kind, key, byArea, field, aggregate, everyMs, fromMs, toMs));

    public Task<IReadOnlyList<AssetWindow>> AggregateByAssetAsync(DeviceKind kind, string? areaId, IReadOnlyList<FieldAggregate> fields, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken) =>
        Task.FromResult(_queries.AssetWindows(kind, areaId, fields, everyMs, fromMs, toMs));

    /// <summary>Commits what is queued and closes the file; a batch that still fails to commit is then given up (logged) and its flushes fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _writer.Stop();
        _queries.Dispose();
        _writer.Dispose();
    }

    /// <summary>Runs a query on a read-only connection of its own (<see cref="EmbeddedSeriesQueries.Read"/>).</summary>
    internal T Read<T>(Func<SqliteConnection, T> query) => _queries.Read(query);
}
