using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Embedded;

/// <summary>
/// The embedded store's one writer: appends are queued and group-committed by one thread
/// (thousands of readings per transaction), so ingestion never waits on the disk;
/// <see cref="FlushAsync"/> waits for what was queued before it. A commit that fails (the file
/// locked by another process, the disk full) is retried with growing pauses until it succeeds,
/// with everything queued behind it waiting; the failure is logged, counted and shown by
/// <see cref="Failure"/>.
/// </summary>
internal sealed partial class EmbeddedSeriesWriter : IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(5);

    // The writer's connection: commits and schema changes; queries have their own.
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    // Bounded: when the disk falls behind, ingestion waits (back-pressure) instead of memory growing.
    private readonly Channel<(IReadOnlyList<SeriesPoint>? Points, TaskCompletionSource? Flushed)> _queue =
        Channel.CreateBounded<(IReadOnlyList<SeriesPoint>?, TaskCompletionSource?)>(
            new BoundedChannelOptions(50_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Counter<long> _commitFailures;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private volatile CommitFailure? _failure;

    public EmbeddedSeriesWriter(string databasePath, ILogger logger, IMeterFactory? meters, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        var meter = meters?.Create("UrbanTwin.TimeSeries") ?? new Meter("UrbanTwin.TimeSeries");
        _commitFailures = meter.CreateCounter<long>("urbantwin.timeseries.embedded.commit.failures", "{commit}", "Embedded-store commits that failed; the batch is retried until it commits");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Null while commits succeed; otherwise since when and why they fail (what waits is kept and retried).</summary>
    public CommitFailure? Failure => _failure;

    /// <summary>Creates the table on the writer's connection (<see cref="ReadingsTable.Create"/>).</summary>
    public void CreateTable()
    {
        lock (_gate)
        {
            ReadingsTable.Create(_connection);
        }
    }

    public ValueTask AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken) =>
        _queue.Writer.TryWrite((points, null)) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync((points, null), cancellationToken);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((null, flushed), cancellationToken);
        await flushed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Commits what is queued and stops the writer thread; a batch that still fails to commit is then given up (logged) and its flushes fail.</summary>
    public void Stop()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _writer.GetAwaiter().GetResult();
    }

    /// <summary>Closes the writer's connection, once <see cref="Stop"/> has returned.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }

        _stopping.Dispose();
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
            insert.CommandText = ReadingsTable.Insert;
            var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
            var asset = insert.Parameters.Add("$asset", SqliteType.Text);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            var area = insert.Parameters.Add("$area", SqliteType.Text);
            var slots = new SqliteParameter[FieldValues.Capacity];
            for (var i = 0; i < slots.Length; i++)
            {
                slots[i] = insert.Parameters.Add("$v" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Real);
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
