using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using UrbanTwin.TimeSeries.Influx;

namespace UrbanTwin.TimeSeries.Writing;

/// <summary>
/// One buffered writer per process: producers submit encoded lines; a batcher sends them to
/// InfluxDB in batches of about <see cref="TimeSeriesWriterOptions.BatchSize"/> points or every
/// <see cref="TimeSeriesWriterOptions.FlushInterval"/>. A batch InfluxDB cannot take now (5xx,
/// timeout, unreachable) goes to an append-only spool file under the spool directory, and the
/// spool is replayed, oldest first, as soon as InfluxDB answers again; while anything is spooled,
/// new batches queue behind it so the series stays in order. A 4xx is not retried (InfluxDB keeps
/// the valid lines of a partial write); it is logged with what was refused and counted. When the
/// spool is full, producers wait: back-pressure, never a silent drop. A writer created held sends
/// nothing until <see cref="Release"/> (the database and its retention policies exist): a write
/// before then would be refused as "database not found", or land in the wrong retention policy,
/// so batches go to the spool meanwhile.
/// </summary>
public sealed partial class TimeSeriesWriter : IAsyncDisposable
{
    private readonly InfluxClient _client;
    private readonly TimeSeriesWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Submission> _queue;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _replayGate = new(1, 1);
    private readonly ConcurrentQueue<ArrayBufferWriter<byte>> _batches = new();
    private readonly Counter<long> _written;
    private readonly Counter<long> _rejected;
    private readonly OutageSpool _spool;
    private volatile bool _released;

    /// <param name="held">Send nothing until <see cref="Release"/> is called; spool meanwhile.</param>
    public TimeSeriesWriter(InfluxClient client, TimeSeriesWriterOptions options, ILogger logger, IMeterFactory? meters = null, bool held = false)
    {
        _released = !held;
        _client = client;
        _options = options;
        _logger = logger;
        _spool = new OutageSpool(options.SpoolDirectory);

        var meter = meters?.Create("UrbanTwin.TimeSeries") ?? new Meter("UrbanTwin.TimeSeries");
        _written = meter.CreateCounter<long>("urbantwin.timeseries.points.written", "{point}", "Points InfluxDB accepted");
        _rejected = meter.CreateCounter<long>("urbantwin.timeseries.batches.rejected", "{batch}", "Batches InfluxDB refused (4xx), not retried");
        meter.CreateObservableGauge("urbantwin.timeseries.spool.bytes", () => _spool.Bytes, "By", "Bytes waiting in the outage spool");
        _queue = Channel.CreateBounded<Submission>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Lets a held writer send: the destination is ready. The spool is replayed on the next flush tick.</summary>
    public void Release() => _released = true;

    /// <summary>Bytes waiting in the spool.</summary>
    public long SpoolBytes => _spool.Bytes;

    /// <summary>
    /// Queues encoded lines (each ending in a newline) holding <paramref name="points"/> points;
    /// waits when the writer is saturated. The lines are handed over, not copied: they are read
    /// when their batch is assembled, so the caller must not change their memory afterwards.
    /// </summary>
    public ValueTask SubmitAsync(ReadOnlyMemory<byte> lines, int points, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(new Submission(lines, points), cancellationToken);

    /// <summary>Completes when everything submitted before it has been sent (or spooled).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Submission(ReadOnlyMemory<byte>.Empty, 0, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends everything queued so far (to InfluxDB or, if it is down, to the spool) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        await _loop;
        _stopping.Dispose();
        _replayGate.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = RentBatch();
        var points = 0;
        var inFlight = new List<Task>();
        var waiting = new List<TaskCompletionSource>();
        using var timer = new PeriodicTimer(_options.FlushInterval);
        var tick = timer.WaitForNextTickAsync().AsTask();
        var reader = _queue.Reader;
        while (true)
        {
            var ready = reader.WaitToReadAsync().AsTask();
            var woke = await Task.WhenAny(ready, tick);
            if (woke == tick)
            {
                tick = timer.WaitForNextTickAsync().AsTask();
                await FlushAsync();
                await ReplaySpoolAsync();
                continue;
            }

            if (!await ready)
            {
                break;
            }

            while (reader.TryRead(out var submission))
            {
                // A drain is answered when the batch it joined has been written (at its size or at
                // the next tick), with everything before it: many twins storing their state share
                // one write instead of each cutting the batch short.
                if (submission.Drained is { } drained)
                {
                    waiting.Add(drained);
                    continue;
                }

                batch.Write(submission.Lines.Span);
                points += submission.Points;
                if (points >= _options.BatchSize)
                {
                    await FlushAsync();
                }
            }
        }

        await FlushAsync();
        await Task.WhenAll(inFlight);
        await ReplaySpoolAsync();

        async Task FlushAsync()
        {
            var answered = waiting.Count == 0 ? null : waiting.ToArray();
            waiting.Clear();
            if (points == 0)
            {
                if (answered is not null)
                {
                    _ = AnswerAfterAsync([.. inFlight], answered);
                }

                return;
            }

            // The full batch is sent as it is, and the next one filled in another buffer.
            var full = batch;
            var count = points;
            batch = RentBatch();
            points = 0;
            if (!_released || _spool.Files().Length > 0)
            {
                await SpoolAsync(full.WrittenMemory);
                ReturnBatch(full);
                if (answered is not null)
                {
                    _ = AnswerAfterAsync([.. inFlight], answered);
                }

                return;
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            while (inFlight.Count >= _options.ConcurrentWrites)
            {
                await Task.WhenAny(inFlight);
                inFlight.RemoveAll(t => t.IsCompleted);
            }

            inFlight.Add(SendOrSpoolAsync(full, count));
            if (answered is not null)
            {
                _ = AnswerAfterAsync([.. inFlight], answered);
            }
        }
    }

    /// <summary>Answers drains once the writes that hold what they waited for have ended (written, spooled or refused).</summary>
    private static async Task AnswerAfterAsync(Task[] writes, TaskCompletionSource[] drains)
    {
        try
        {
            await Task.WhenAll(writes);
        }
        finally
        {
            foreach (var drain in drains)
            {
                drain.TrySetResult();
            }
        }
    }

    private async Task SendOrSpoolAsync(ArrayBufferWriter<byte> batch, int points)
    {
        if (await TrySendAsync(batch.WrittenMemory, points) == SendResult.Unavailable)
        {
            await SpoolAsync(batch.WrittenMemory);
        }

        ReturnBatch(batch);
    }

    /// <summary>A buffer to fill a batch in: one that a sent batch gave back, or a new one.</summary>
    private ArrayBufferWriter<byte> RentBatch() => _batches.TryDequeue(out var batch) ? batch : new ArrayBufferWriter<byte>(1 << 20);

    /// <summary>Keeps a sent batch's buffer for a later batch: as many as can be in flight, plus the one filling.</summary>
    private void ReturnBatch(ArrayBufferWriter<byte> batch)
    {
        if (_batches.Count <= _options.ConcurrentWrites)
        {
            batch.ResetWrittenCount();
            _batches.Enqueue(batch);
        }
    }

    private async Task<SendResult> TrySendAsync(ReadOnlyMemory<byte> payload, int points)
    {
        try
        {
            await _client.WriteAsync(payload, CancellationToken.None);
            _written.Add(points);
            return SendResult.Written;
        }
        catch (InfluxException ex) when (!ex.IsRetryable)
        {
            _rejected.Add(1);
            Log.Rejected(_logger, ex.Message);
            return SendResult.Rejected;
        }
        catch (Exception ex) when (ex is InfluxException or HttpRequestException or SocketException or TaskCanceledException or IOException)
        {
            Log.Unavailable(_logger, ex.Message);
            return SendResult.Unavailable;
        }
    }

    /// <summary>Appends a batch to the spool as its own file, waiting while the spool is full.</summary>
    private async Task SpoolAsync(ReadOnlyMemory<byte> payload)
    {
        // A batch larger than the whole bound is still admitted into an empty spool, or it could never
        // be kept; and while the process stops, what is left in memory goes to disk past the bound
        // (at most the queue's capacity) rather than being lost or holding shutdown forever.
        while (!_stopping.IsCancellationRequested && _spool.Bytes > 0 && _spool.Bytes + payload.Length > _options.SpoolMaxBytes)
        {
            Log.SpoolFull(_logger, _spool.Bytes);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await ReplaySpoolAsync();
        }

        var total = await _spool.AppendAsync(payload);
        if (total > _options.SpoolMaxBytes * 8 / 10)
        {
            Log.SpoolFilling(_logger, total, _options.SpoolMaxBytes);
        }
    }

    /// <summary>Sends spooled batches, oldest first, while InfluxDB takes them.</summary>
    private async Task ReplaySpoolAsync()
    {
        if (!_released)
        {
            return;
        }

        await _replayGate.WaitAsync();
        try
        {
            foreach (var file in _spool.Files())
            {
                var payload = await File.ReadAllBytesAsync(file);
                var points = payload.Count(b => b == (byte)'\n');
                if (await TrySendAsync(payload, points) == SendResult.Unavailable)
                {
                    return;
                }

                _spool.Remove(file, payload.Length);
            }
        }
        finally
        {
            _replayGate.Release();
        }
    }

    private readonly record struct Submission(ReadOnlyMemory<byte> Lines, int Points, TaskCompletionSource? Drained = null);

    private enum SendResult
    {
        Written,
        Rejected,
        Unavailable,
    }
}
