using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Gateway.Journal;

/// <summary>
/// The write-ahead journal of accepted readings: a device message is acknowledged only once its
/// readings are here, on disk (fsync'd). One writer group-commits whatever has queued while the
/// previous fsync ran, so many devices' readings share one fsync. Segments are closed at
/// <see cref="JournalOptions.SegmentBytes"/> or at each checkpoint, and removed once every twin
/// they touched has stored what they hold (<see cref="JournalCheckpointer"/>). LSNs grow for the
/// journal's whole life (its id is kept in the directory), so a twin can tell what it has applied.
/// The files themselves, and the room they take, are <see cref="JournalDirectory"/>'s.
/// </summary>
public sealed partial class IngestionJournal : IAsyncDisposable
{
    private const int MaxEntriesPerCommit = 8192;

    private readonly JournalOptions _options;
    private readonly JournalMetrics _metrics;
    private readonly ILogger<IngestionJournal> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly JournalDirectory _directory;

    private long _nextLsn = 1;
    private long _commits;
    private long _committedMessages;
    private Task? _writer;

    public IngestionJournal(string directory, JournalOptions options, JournalMetrics metrics, ILogger<IngestionJournal> logger)
    {
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _directory = new JournalDirectory(directory);
        metrics.Observe(this);
    }

    /// <summary>This journal's id, stable across restarts: twins remember per journal which LSN they have applied.</summary>
    public string JournalId => _directory.JournalId;

    public string DirectoryPath => _directory.DirectoryPath;

    /// <summary>Group commits (one fsync each) since the node started.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Messages made durable since the node started.</summary>
    public long CommittedMessages => Interlocked.Read(ref _committedMessages);

    /// <summary>Bytes on disk in all segments.</summary>
    public long Bytes => _directory.Bytes;

    public long MaxBytes => _options.MaxBytes;

    /// <summary>Segments closed and not yet removed, oldest first.</summary>
    public IReadOnlyList<JournalSegment> ClosedSegments => _directory.ClosedSegments;

    /// <summary>
    /// Opens the journal: what the segments left by an earlier run hold is returned, in LSN order,
    /// and those segments become closed ones, to be checked into the stores before they are removed.
    /// </summary>
    public List<JournalEntry> Open()
    {
        var recovered = _directory.Recover(ref _nextLsn);
        _directory.StartSegment(_nextLsn);
        _writer = Task.Run(WriteLoopAsync);
        return recovered;
    }

    /// <summary>Appends the batch; completes with its LSN once it is on disk.</summary>
    public Task<long> AppendAsync(string assetId, TelemetryBatch batch)
    {
        var pending = new Pending(assetId, batch, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            ObjectDisposedException.ThrowIf(true, this);
        }

        return pending.Done.Task;
    }

    /// <summary>Closes the active segment if it holds anything, so a checkpoint can take it.</summary>
    public Task CloseActiveSegmentAsync()
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Pending(null, null, done)) ? done.Task : Task.CompletedTask;
    }

    /// <summary>Deletes a closed segment whose entries every twin has stored.</summary>
    public void Remove(JournalSegment segment) => _directory.Remove(segment);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }

        _directory.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        var batch = new List<Pending>(MaxEntriesPerCommit);
        var sizes = new List<int>(MaxEntriesPerCommit);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxEntriesPerCommit && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            // Full: close the active segment so the checkpoint can take it, and wait for room. The
            // checkpoint's own requests to close the segment are answered meanwhile (it is closed),
            // or it would wait for this loop while this loop waits for it.
            while (Bytes >= _options.MaxBytes)
            {
                _directory.CloseSegment(_nextLsn);
                _metrics.Full();
                AnswerCloseRequests(batch);
                await _directory.WaitForRoomAsync(TimeSpan.FromSeconds(1));
                while (reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
            }

            var closeRequested = false;
            var started = Stopwatch.GetTimestamp();
            var firstLsn = _nextLsn;
            var entries = 0;
            try
            {
                foreach (var pending in batch)
                {
                    if (pending.Batch is null)
                    {
                        closeRequested = true;
                        continue;
                    }

                    var before = buffer.WrittenCount;
                    JournalCodec.Write(buffer, new JournalEntry(firstLsn + entries, pending.AssetId!, pending.Batch));
                    sizes.Add(buffer.WrittenCount - before);
                    entries++;
                }

                if (entries > 0)
                {
                    await _directory.WriteAsync(buffer.WrittenMemory);
                    _directory.FlushToDisk();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing of this commit is acknowledged: the devices re-send. A fresh segment is
                // started so a damaged tail stays behind the records already kept.
                Log.CommitFailed(_logger, ex, entries);
                _metrics.CommitFailed();
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }

                buffer.ResetWrittenCount();
                sizes.Clear();
                batch.Clear();
                TryRestartSegment();
                continue;
            }

            var lsn = firstLsn;
            foreach (var pending in batch)
            {
                if (pending.Batch is not null)
                {
                    _directory.Active.Add(new JournalEntry(lsn, pending.AssetId!, pending.Batch), sizes[(int)(lsn - firstLsn)]);
                    lsn++;
                }
            }

            _nextLsn = lsn;
            _directory.AddBytes(buffer.WrittenCount);
            if (entries > 0)
            {
                _metrics.Committed(entries, Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _committedMessages, entries);
            }

            if (closeRequested || _directory.Active.Bytes >= _options.SegmentBytes)
            {
                _directory.CloseSegment(_nextLsn);
            }

            lsn = firstLsn;
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(pending.Batch is null ? 0 : lsn++);
            }

            buffer.ResetWrittenCount();
            sizes.Clear();
            batch.Clear();
        }
    }

    private static void AnswerCloseRequests(List<Pending> batch)
    {
        foreach (var pending in batch)
        {
            if (pending.Batch is null)
            {
                pending.Done.TrySetResult(0);
            }
        }

        batch.RemoveAll(p => p.Batch is null);
    }

    private void TryRestartSegment()
    {
        try
        {
            _directory.RestartSegment(_nextLsn);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CommitFailed(_logger, ex, 0);
        }
    }

    private sealed record Pending(string? AssetId, TelemetryBatch? Batch, TaskCompletionSource<long> Done);

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Error, "The journal could not write {Entries} entries to disk; they were not acknowledged and their devices will send them again")]
        public static partial void CommitFailed(ILogger logger, Exception exception, int entries);
    }
}
