namespace UrbanTwin.Gateway.Journal;

/// <summary>
/// One segment file of the journal, named after its first LSN, and what it holds: its LSN range,
/// its size, and the last LSN it holds for each asset (what each twin must have applied before the
/// segment may be removed).
/// </summary>
public sealed class JournalSegment(string path, long firstLsn)
{
    public string Path { get; } = path;

    public long FirstLsn { get; } = firstLsn;

    public long LastLsn { get; private set; } = firstLsn - 1;

    public long Bytes { get; private set; }

    public Dictionary<string, long> LastLsnByAsset { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => LastLsn < FirstLsn;

    /// <summary>
    /// Left by an earlier run: its readings may be in twin states already but not in history (the
    /// node died before the time series was flushed), so every entry is replayed.
    /// </summary>
    public bool Recovered { get; init; }

    public static string FileName(long firstLsn) => firstLsn.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + ".journal";

    /// <summary>The size of a segment read back from disk.</summary>
    public void SetBytes(long bytes) => Bytes = bytes;

    public void Add(JournalEntry entry, int bytes)
    {
        LastLsn = entry.Lsn;
        Bytes += bytes;
        LastLsnByAsset[entry.AssetId] = entry.Lsn;
    }

    /// <summary>Reads the segment's whole records; a torn or damaged tail ends it (it was never acknowledged).</summary>
    public static List<JournalEntry> Read(string path, out long validBytes)
    {
        var data = File.ReadAllBytes(path);
        var entries = new List<JournalEntry>();
        var at = 0;
        while (at < data.Length && JournalCodec.TryRead(data.AsSpan(at), out var entry, out var consumed))
        {
            entries.Add(entry!);
            at += consumed;
        }

        validBytes = at;
        return entries;
    }
}
