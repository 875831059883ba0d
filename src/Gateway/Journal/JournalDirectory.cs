using System.Globalization;

namespace UrbanTwin.Gateway.Journal;

/// <summary>
/// The journal's directory on disk: its id file, its segment files (the active one being written,
/// the closed ones waiting for a checkpoint to remove them) and the bytes they take against the
/// journal's bound. <see cref="IngestionJournal"/>'s one writer writes and rolls the active
/// segment; the checkpoint removes closed ones from any thread, which makes room.
/// </summary>
internal sealed class JournalDirectory : IDisposable
{
    private const string IdFile = "journal-id";

    private readonly Lock _gate = new();
    private readonly List<JournalSegment> _closed = [];
    private readonly SemaphoreSlim _room = new(0);

    private JournalSegment? _active;
    private FileStream? _file;
    private long _bytes;

    public JournalDirectory(string path)
    {
        DirectoryPath = path;
        Directory.CreateDirectory(path);
        var idPath = Path.Combine(path, IdFile);
        if (!File.Exists(idPath))
        {
            File.WriteAllText(idPath, Guid.NewGuid().ToString("N"));
        }

        JournalId = File.ReadAllText(idPath).Trim();
    }

    public string DirectoryPath { get; }

    /// <summary>The journal's id, kept in the directory so that it is stable across restarts.</summary>
    public string JournalId { get; }

    /// <summary>Bytes on disk in all segments.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The segment being written; only the journal's writer touches it.</summary>
    public JournalSegment Active => _active!;

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
    /// Reads the segments an earlier run left, in LSN order, and keeps them as closed ones (empty
    /// ones are deleted); <paramref name="nextLsn"/> is moved past every LSN they hold or are named after.
    /// </summary>
    public List<JournalEntry> Recover(ref long nextLsn)
    {
        var recovered = new List<JournalEntry>();
        foreach (var path in Directory.GetFiles(DirectoryPath, "*.journal").Order(StringComparer.Ordinal))
        {
            var named = long.Parse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture);
            var entries = JournalSegment.Read(path, out var validBytes);
            nextLsn = Math.Max(nextLsn, named);
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
            nextLsn = Math.Max(nextLsn, segment.LastLsn + 1);
        }

        return recovered;
    }

    /// <summary>Creates the active segment's file, named after <paramref name="firstLsn"/>.</summary>
    public void StartSegment(long firstLsn)
    {
        var path = Path.Combine(DirectoryPath, JournalSegment.FileName(firstLsn));
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.None);
        _active = new JournalSegment(path, firstLsn);
    }

    /// <summary>Closes the active segment if it holds anything and starts the next at <paramref name="nextLsn"/>.</summary>
    public void CloseSegment(long nextLsn)
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

        StartSegment(nextLsn);
    }

    /// <summary>
    /// After a failed write: keeps what the active segment holds as closed and starts a fresh one at
    /// <paramref name="nextLsn"/>, so a damaged tail stays behind the records already kept.
    /// </summary>
    public void RestartSegment(long nextLsn)
    {
        _file?.Dispose();
        lock (_gate)
        {
            if (_active is { IsEmpty: false } active)
            {
                _closed.Add(active);
            }
        }

        StartSegment(nextLsn);
    }

    /// <summary>Writes records to the active segment's file; <see cref="FlushToDisk"/> makes them durable.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> records) => _file!.WriteAsync(records);

    /// <summary>The fsync of a group commit.</summary>
    public void FlushToDisk() => _file!.Flush(flushToDisk: true);

    /// <summary>Counts bytes written to the active segment.</summary>
    public void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);

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

    /// <summary>Waits until a segment is removed, or the timeout passes.</summary>
    public Task WaitForRoomAsync(TimeSpan timeout) => _room.WaitAsync(timeout);

    public void Dispose()
    {
        _file?.Dispose();
        _room.Dispose();
    }
}
