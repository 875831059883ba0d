using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Embedded;

/// <summary>
/// The time series for the single-node default, in one SQLite file under the data directory:
/// one row per reading (kind, asset, time) with a column per field slot, so a re-written point
/// replaces itself as in InfluxDB and a reading costs one insert whatever its number of fields.
/// Appends are queued and group-committed by one writer thread (thousands of readings per
/// transaction), so ingestion never waits on the disk; <see cref="FlushAsync"/> waits for what was
/// queued before it. Queries read through read-only connections of their own, never waiting for a
/// commit nor holding one up. A commit that fails (the file locked by another process, the disk
/// full) is retried with growing pauses until it succeeds, with everything queued behind it
/// waiting; the failure is logged, counted and shown by <see cref="CommitFailure"/>. Windows are
/// aligned to the Unix epoch and empty ones left out, as the InfluxDB store does, so both answer
/// the same.
/// </summary>
public sealed partial class SqliteTimeSeriesStore : ITimeSeriesStore, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(5);

    private readonly SqliteConnection _connection;
    private readonly string _readConnectionString;
    // The writer's connection: commits and schema changes; queries have their own (see Read).
    private readonly Lock _gate = new();
    // Bounded: when the disk falls behind, ingestion waits (back-pressure) instead of memory growing.
    private readonly System.Threading.Channels.Channel<(IReadOnlyList<SeriesPoint>? Points, TaskCompletionSource? Flushed)> _queue =
        System.Threading.Channels.Channel.CreateBounded<(IReadOnlyList<SeriesPoint>?, TaskCompletionSource?)>(
            new System.Threading.Channels.BoundedChannelOptions(50_000) { SingleReader = true, FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait });

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Counter<long> _commitFailures;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private volatile CommitFailure? _failure;
    private int _disposed;

    public SqliteTimeSeriesStore(string databasePath, ILogger logger, IMeterFactory? meters = null, TimeProvider? time = null)
    {
        _logger = logger;
        _time = time ?? TimeProvider.System;
        var meter = meters?.Create("UrbanTwin.TimeSeries") ?? new Meter("UrbanTwin.TimeSeries");
        _commitFailures = meter.CreateCounter<long>("urbantwin.timeseries.embedded.commit.failures", "{commit}", "Embedded-store commits that failed; the batch is retried until it commits");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        _connection.Open();
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Null while commits succeed; otherwise since when and why they fail (what waits is kept and retried).</summary>
    public CommitFailure? CommitFailure => _failure;

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Execute("PRAGMA journal_mode=WAL;");
            Execute("PRAGMA synchronous=NORMAL;");
            Execute("""
                CREATE TABLE IF NOT EXISTS readings (
                    kind  INTEGER NOT NULL,
                    asset TEXT NOT NULL,
                    ts    INTEGER NOT NULL,
                    area  TEXT,
                    v0 REAL, v1 REAL, v2 REAL, v3 REAL, v4 REAL, v5 REAL, v6 REAL, v7 REAL,
                    PRIMARY KEY (kind, asset, ts)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS readings_by_area ON readings (kind, area, ts);
                """);
        }

        return Task.CompletedTask;
    }

    public ValueTask AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken) =>
        _queue.Writer.TryWrite((points, null)) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync((points, null), cancellationToken);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((null, flushed), cancellationToken);
        await flushed.Task.WaitAsync(cancellationToken);
    }

    private void WriteLoop()
    {
        var batch = new List<IReadOnlyList<SeriesPoint>>();
        var flushes = new List<TaskCompletionSource>();
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var count = 0;
            while (count < 5_000 && _queue.Reader.TryRead(out var item))
            {
                if (item.Points is { } points)
                {
                    batch.Add(points);
                    count += points.Count;
                }

                // Every flush waiting here is answered by this commit, which holds all that was
                // queued before it: many twins storing their state share one commit.
                if (item.Flushed is { } flushed)
                {
                    flushes.Add(flushed);
                }
            }

            var committed = CommitRetrying(batch);
            batch.Clear();
            foreach (var flushed in flushes)
            {
                if (committed)
                {
                    flushed.TrySetResult();
                }
                else
                {
                    flushed.TrySetException(new ObjectDisposedException(nameof(SqliteTimeSeriesStore), "the store stopped before it could commit what the flush waited for"));
                }
            }

            flushes.Clear();
        }
    }

    /// <summary>
    /// Commits a batch, trying again after 100 ms, then twice as long each time up to 5 s, until it
    /// commits: the loop must outlive a locked file or a full disk, and the batch must not be lost
    /// (twins store their state only once their readings are here). Gives up only when the store
    /// is disposed, after one more attempt.
    /// </summary>
    private bool CommitRetrying(List<IReadOnlyList<SeriesPoint>> batch)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                Commit(batch);
                if (_failure is { } past)
                {
                    _failure = null;
                    Log.Recovered(_logger, past.Attempts, past.Since);
                }

                return true;
            }
            catch (Exception ex)
            {
                _commitFailures.Add(1);
                var failure = new CommitFailure(_failure?.Since ?? _time.GetUtcNow(), (_failure?.Attempts ?? 0) + 1, ex.Message);
                _failure = failure;
                if (_stopping.IsCancellationRequested)
                {
                    Log.GaveUp(_logger, ex, batch.Sum(p => p.Count));
                    return false;
                }

                Log.CommitFailed(_logger, ex, failure.Attempts, delay.TotalMilliseconds);
                _stopping.Token.WaitHandle.WaitOne(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
        }
    }

    private void Commit(List<IReadOnlyList<SeriesPoint>> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO readings (kind, asset, ts, area, v0, v1, v2, v3, v4, v5, v6, v7) VALUES ($kind, $asset, $ts, $area, $v0, $v1, $v2, $v3, $v4, $v5, $v6, $v7)";
            var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
            var asset = insert.Parameters.Add("$asset", SqliteType.Text);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            var area = insert.Parameters.Add("$area", SqliteType.Text);
            var slots = new SqliteParameter[FieldValues.Capacity];
            for (var i = 0; i < slots.Length; i++)
            {
                slots[i] = insert.Parameters.Add("$v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), SqliteType.Real);
            }

            foreach (var point in batch.SelectMany(p => p))
            {
                kind.Value = (int)point.Kind;
                asset.Value = point.AssetId;
                ts.Value = point.Reading.TimestampMs;
                area.Value = (object?)point.AreaId ?? DBNull.Value;
                for (var i = 0; i < slots.Length; i++)
                {
                    slots[i].Value = point.Reading.TryGet(i, out var v) ? v : DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public Task<IReadOnlyList<SeriesValue>> RawAsync(DeviceKind kind, string assetId, string field, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var column = Column(kind, field);
        return Task.FromResult<IReadOnlyList<SeriesValue>>(Query(
            $"SELECT ts, {column} FROM readings WHERE kind = $kind AND asset = $key AND ts >= $from AND ts < $to AND {column} IS NOT NULL ORDER BY ts",
            kind,
            assetId,
            fromMs,
            toMs,
            0));
    }

    public Task<IReadOnlyList<SeriesValue>> AggregateAsync(DeviceKind kind, string key, bool byArea, string field, Aggregate aggregate, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMs, 1);
        var value = Column(kind, field);
        var by = byArea ? "area" : "asset";
        var where = $"kind = $kind AND {by} = $key AND ts >= $from AND ts < $to AND {value} IS NOT NULL";
        var sql = aggregate switch
        {
            Aggregate.Last => $"SELECT w, {value} FROM (SELECT ts - (ts % $every) AS w, {value}, ROW_NUMBER() OVER (PARTITION BY ts - (ts % $every) ORDER BY ts DESC) AS n FROM readings WHERE {where}) WHERE n = 1 ORDER BY w",
            _ => $"SELECT ts - (ts % $every) AS w, {SqlOf(aggregate)}({value}) FROM readings WHERE {where} GROUP BY w ORDER BY w",
        };
        return Task.FromResult<IReadOnlyList<SeriesValue>>(Query(sql, kind, key, fromMs, toMs, everyMs));
    }

    public Task<IReadOnlyList<AssetWindow>> AggregateByAssetAsync(DeviceKind kind, string? areaId, IReadOnlyList<FieldAggregate> fields, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMs, 1);
        var columns = SeriesSchema.WindowFields(kind, fields);
        var select = new System.Text.StringBuilder("SELECT asset, area, ts - (ts % $every) AS w");
        var present = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = "v" + columns[i].Slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // SUM, not TOTAL: a window with no value of this field (but of another) stays null.
            var function = fields[i].Aggregate == Aggregate.Sum ? "SUM" : SqlOf(fields[i].Aggregate);
            select.Append(", ").Append(function).Append('(').Append(column).Append(')');
            present.Add($"COUNT({column})");
        }

        select.Append(" FROM readings WHERE kind = $kind AND ts >= $from AND ts < $to")
            .Append(areaId is null ? "" : " AND area = $key")
            .Append(" GROUP BY asset, area, w HAVING ").Append(string.Join(" + ", present)).Append(" > 0");
        var rows = Read(connection =>
        {
            var found = new List<AssetWindow>();
            using var command = connection.CreateCommand();
            command.CommandText = select.ToString();
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$key", (object?)areaId ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", fromMs);
            command.Parameters.AddWithValue("$to", toMs);
            command.Parameters.AddWithValue("$every", everyMs);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new double?[columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(3 + i) ? null : reader.GetDouble(3 + i);
                }

                found.Add(new AssetWindow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), values));
            }

            return found;
        });

        rows.Sort(AssetWindow.Order);
        return Task.FromResult<IReadOnlyList<AssetWindow>>(rows);
    }

    /// <summary>Commits what is queued and closes the file; a batch that still fails to commit is then given up (logged) and its flushes fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _writer.GetAwaiter().GetResult();
        using (var reads = new SqliteConnection(_readConnectionString))
        {
            // Closes the pooled read connections, so nothing keeps the file open after disposal.
            SqliteConnection.ClearPool(reads);
        }

        lock (_gate)
        {
            _connection.Dispose();
        }

        _stopping.Dispose();
    }

    private static string SqlOf(Aggregate aggregate) => aggregate switch
    {
        Aggregate.Mean => "AVG",
        Aggregate.Min => "MIN",
        Aggregate.Max => "MAX",
        Aggregate.Count => "COUNT",
        _ => "TOTAL",
    };

    /// <summary>The column of a field: its contract slot (the name is checked against the catalogue, never pasted).</summary>
    private static string Column(DeviceKind kind, string field) =>
        "v" + SeriesSchema.Field(kind, field).Slot.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private List<SeriesValue> Query(string sql, DeviceKind kind, string key, long fromMs, long toMs, long everyMs) =>
        Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$from", fromMs);
            command.Parameters.AddWithValue("$to", toMs);
            command.Parameters.AddWithValue("$every", everyMs);
            using var reader = command.ExecuteReader();
            var values = new List<SeriesValue>();
            while (reader.Read())
            {
                values.Add(new SeriesValue(reader.GetInt64(0), reader.GetDouble(1)));
            }

            return values;
        });

    /// <summary>
    /// Runs a query on a read-only connection of its own (pooled): in WAL mode readers see the last
    /// commit and neither wait for the writer nor hold it up, so a long history or CSV query does
    /// not stall ingestion, and several queries run at once.
    /// </summary>
    internal T Read<T>(Func<SqliteConnection, T> query)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return query(connection);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "The embedded time-series store could not commit (attempt {Attempt}); readings wait and the commit is tried again in {DelayMs} ms")]
        public static partial void CommitFailed(ILogger logger, Exception exception, int attempt, double delayMs);

        [LoggerMessage(2, LogLevel.Information, "The embedded time-series store commits again, after {Attempts} failed attempts since {Since}")]
        public static partial void Recovered(ILogger logger, int attempts, DateTimeOffset since);

        [LoggerMessage(3, LogLevel.Error, "The embedded time-series store stopped while its commits failed: {Points} readings were not stored")]
        public static partial void GaveUp(ILogger logger, Exception exception, int points);
    }
}
