using System.Buffers;
using System.Diagnostics;
using System.Globalization;
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
/// </summary>
public sealed partial class IngestionJournal : IAsyncDisposable
{
    private const int MaxEntriesPerCommit = 8192;
    private const string IdFile = "journal-id";

    private readonly JournalOptions _options;
    private readonly JournalMetrics _metrics;
    private readonly ILogger<IngestionJournal> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<JournalSegment> _closed = [];
    private readonly SemaphoreSlim _room = new(0);

    private JournalSegment? _active;
    private FileStream? _file;
    private long _nextLsn = 1;
    private long _bytes;
    private long _commits;
    private long _committedMessages;
    private Task? _writer;

    public IngestionJournal(string directory, JournalOptions options, JournalMetrics metrics, ILogger<IngestionJournal> logger)
    {
        DirectoryPath = directory;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        Directory.CreateDirectory(directory);
        var idPath = Path.Combine(directory, IdFile);
        if (!File.Exists(idPath))
        {
            File.WriteAllText(idPath, Guid.NewGuid().ToString("N"));
        }

        JournalId = File.ReadAllText(idPath).Trim();
        metrics.Observe(this);
    }

    /// <summary>This journal's id, stable across restarts: twins remember per journal which LSN they have applied.</summary>
    public string JournalId { get; }

    public string DirectoryPath { get; }

    /// <summary>Group commits (one fsync each) since the node started.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Messages made durable since the node started.</summary>
    public long CommittedMessages => Interlocked.Read(ref _committedMessages);

    /// <summary>Bytes on disk in all segments.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public long MaxBytes => _options.MaxBytes;

    /// <summary>Segments closed and not yet removed, oldest first.</summary>
    public IReadOnlyList<JournalSegment> ClosedSegments
    {
        get
        {
            lock (_gate)
            {
                return [.. _closed];
            }
        }
    }

    /// <summary>
    /// Opens the journal: what the segments left by an earlier run hold is returned, in LSN order,
    /// and those segments become closed ones, to be checked into the stores before they are removed.
    /// </summary>
    public List<JournalEntry> Open()
    {
        var recovered = new List<JournalEntry>();
        foreach (var path in Directory.GetFiles(DirectoryPath, "*.journal").Order(StringComparer.Ordinal))
        {
            var named = long.Parse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture);
            var entries = JournalSegment.Read(path, out var validBytes);
            _nextLsn = Math.Max(_nextLsn, named);
            if (entries.Count == 0)
            {
                File.Delete(path);
                continue;
            }

            var segment = new JournalSegment(path, entries[0].Lsn) { Recovered = true };
            foreach (var entry in entries)
            {
                segment.Add(entry, 0);
            }

            Interlocked.Add(ref _bytes, validBytes);
            segment.SetBytes(validBytes);
            _closed.Add(segment);
            recovered.AddRange(entries);
            _nextLsn = Math.Max(_nextLsn, segment.LastLsn + 1);
        }

        StartSegment();
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
    public void Remove(JournalSegment segment)
    {
        lock (_gate)
        {
            if (!_closed.Remove(segment))
            {
                return;
            }
        }

        File.Delete(segment.Path);
        Interlocked.Add(ref _bytes, -segment.Bytes);
        _room.Release();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }

        _file?.Dispose();
        _room.Dispose();
    }

    private void StartSegment()
    {
        var path = Path.Combine(DirectoryPath, JournalSegment.FileName(_nextLsn));
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.None);
        _active = new JournalSegment(path, _nextLsn);
    }

    private void CloseSegment()
    {
        if (_active is not { IsEmpty: false } active)
        {
            return;
        }

        _file!.Dispose();
        lock (_gate)
        {
            _closed.Add(active);
        }

        StartSegment();
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
                CloseSegment();
                _metrics.Full();
                AnswerCloseRequests(batch);
                await _room.WaitAsync(TimeSpan.FromSeconds(1));
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
                    await _file!.WriteAsync(buffer.WrittenMemory);
                    _file.Flush(flushToDisk: true);
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
                    _active!.Add(new JournalEntry(lsn, pending.AssetId!, pending.Batch), sizes[(int)(lsn - firstLsn)]);
                    lsn++;
                }
            }

            _nextLsn = lsn;
            Interlocked.Add(ref _bytes, buffer.WrittenCount);
            if (entries > 0)
            {
                _metrics.Committed(entries, Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _committedMessages, entries);
            }

            if (closeRequested || _active!.Bytes >= _options.SegmentBytes)
            {
                CloseSegment();
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
            _file?.Dispose();
            lock (_gate)
            {
                if (_active is { IsEmpty: false } active)
                {
                    _closed.Add(active);
                }
            }

            StartSegment();
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
