using System.Diagnostics.CodeAnalysis;
using Orleans.Storage;

namespace UrbanTwin.Grains;

/// <summary>
/// Changes to a grain's keyed entries (a map cell's listings, a fleet-index partition, an
/// inventory shard), stored as rows of their own beside the grain's state, so that a write costs
/// what changed and not what exists: a city of a million assets has states of thousands of
/// entries, and rewriting one whole per change was what bound an import. Rows are numbered from
/// the sequence the state was last written through (the state's own <c>Through</c>): activation
/// reads the rows after it, in order, until one is missing. Now and then the grain writes its
/// state whole again with the sequence of the last row (<see cref="ShouldFold"/>: once the rows
/// hold half as many entries as the state, or there are <see cref="MostRows"/> of them), and the
/// rows it then holds are deleted (<see cref="FoldedAsync"/>); so a changed entry costs about three
/// entries written, and activation reads a bounded number of rows. A fixed number of rows between
/// whole writes would not do: a map cell of 10,000 assets gaining a few each second was written
/// whole every minute, some 10% of the host's CPU while importing a million assets. Works over
/// any grain storage (SQLite on one node, Redis in a cluster): each row is an ordinary grain state
/// under the state name <c>{state}+{sequence}</c>, created only if absent.
/// </summary>
public sealed class EntryLog<TEntry>
{
    /// <summary>Rows kept before the state is written whole again, whatever their size (activation reads them all, <see cref="MostReadAhead"/> at a time).</summary>
    public const int MostRows = 4096;

    /// <summary>Rows deleted at once after a fold.</summary>
    private const int DeletesAtOnce = 256;

    /// <summary>Rows read at once at activation, at most.</summary>
    private const int MostReadAhead = 64;

    /// <summary>Entries the rows may hold before the state is written whole again, however small it is.</summary>
    public const int FewestEntriesToFold = 256;

    private readonly IGrainStorage _storage;
    private readonly string _stateName;
    private readonly GrainId _grain;

    /// <summary>The rows not deleted yet, by sequence: the ETag each was stored with, and its number of changes.</summary>
    private readonly SortedDictionary<long, (string? ETag, int Count)> _rows = [];

    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private long _folded;

    /// <summary>The rows stored after the state's sequence, and the changes they hold.</summary>
    private (int Rows, int Entries) _unfolded;

    public EntryLog(IGrainStorage storage, string stateName, GrainId grain)
    {
        _storage = storage;
        _stateName = stateName;
        _grain = grain;
    }

    /// <summary>How a grain finds an entry by its key, for <see cref="AppendChangedAsync"/>.</summary>
    public delegate bool Lookup(string key, [MaybeNullWhen(false)] out TEntry entry);

    /// <summary>The sequence of the last row stored: what the state holds once it is written with it.</summary>
    public long Last { get; private set; }

    /// <summary>The changes stored after <paramref name="through"/> (the sequence the state holds), oldest first.</summary>
    public async Task<List<EntryChanges<TEntry>>> ReadAsync(long through)
    {
        Last = _folded = through;
        _unfolded = (0, 0);
        var changes = new List<EntryChanges<TEntry>>();

        // Rows are read a few at once, more each round (one, two, four... up to MostReadAhead), so
        // that a grain with no rows still costs one read, and one with thousands a few dozen
        // rounds on a storage that answers reads in parallel.
        for (var ahead = 1; ; ahead = Math.Min(ahead * 2, MostReadAhead))
        {
            var rows = new GrainState<EntryChanges<TEntry>>[ahead];
            var reads = new Task[ahead];
            for (var i = 0; i < ahead; i++)
            {
                rows[i] = new GrainState<EntryChanges<TEntry>>();
                reads[i] = _storage.ReadStateAsync(RowName(Last + 1 + i), _grain, rows[i]);
            }

            await Task.WhenAll(reads);
            foreach (var row in rows)
            {
                if (!row.RecordExists || row.State is not { } stored)
                {
                    return changes;
                }

                Last++;
                _rows[Last] = (row.ETag, stored.Count);
                _unfolded = (_unfolded.Rows + 1, _unfolded.Entries + stored.Count);
                changes.Add(stored);
            }
        }
    }

    /// <summary>Applies the changes stored after <paramref name="through"/> to <paramref name="entries"/>, oldest first: each upsert under its key, each removal.</summary>
    public async Task ReadIntoAsync(long through, IDictionary<string, TEntry> entries, Func<TEntry, string> keyOf)
    {
        foreach (var changes in await ReadAsync(through))
        {
            foreach (var entry in changes.Upserts)
            {
                entries[keyOf(entry)] = entry;
            }

            foreach (var key in changes.Removals)
            {
                entries.Remove(key);
            }
        }
    }

    /// <summary>Stores the changes as the next row; when this returns they are as durable as the storage.</summary>
    public async Task AppendAsync(EntryChanges<TEntry> changes)
    {
        var row = new GrainState<EntryChanges<TEntry>>(changes);
        await _storage.WriteStateAsync(RowName(Last + 1), _grain, row);
        Last++;
        _rows[Last] = (row.ETag, changes.Count);
        _unfolded = (_unfolded.Rows + 1, _unfolded.Entries + changes.Count);
    }

    /// <summary>Notes that the entry under <paramref name="key"/> was added, replaced or removed, for <see cref="AppendChangedAsync"/>.</summary>
    public void Changed(string key) => _pending.Add(key);

    /// <summary>
    /// Stores the entries noted as changed since the last row, as they are now (or their removal),
    /// as the next row; nothing when none changed. Keys noted meanwhile wait for the next row, and
    /// a write that fails leaves its keys noted.
    /// </summary>
    public async Task AppendChangedAsync(Lookup lookup)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var keys = _pending;
        _pending = new HashSet<string>(StringComparer.Ordinal);
        var changes = new EntryChanges<TEntry>();
        foreach (var key in keys)
        {
            if (lookup(key, out var entry))
            {
                changes.Upserts.Add(entry);
            }
            else
            {
                changes.Removals.Add(key);
            }
        }

        try
        {
            await AppendAsync(changes);
        }
        catch
        {
            _pending.UnionWith(keys);
            throw;
        }
    }

    /// <summary>Whether the grain should write its state whole, through <see cref="Last"/>, and call <see cref="FoldedAsync"/>.</summary>
    public bool ShouldFold(int stateEntries) =>
        _unfolded.Rows >= MostRows || _unfolded.Entries >= Math.Max(stateEntries / 2, FewestEntriesToFold);

    /// <summary>
    /// The state has been written through <paramref name="through"/>: deletes the rows it holds.
    /// A row left behind (a failed delete, a crash) is never read again, as reading starts after
    /// the state's sequence.
    /// </summary>
    public async Task FoldedAsync(long through)
    {
        if (through > _folded)
        {
            _folded = through;
            _unfolded = (0, 0);
            foreach (var (sequence, row) in _rows)
            {
                if (sequence > through)
                {
                    _unfolded = (_unfolded.Rows + 1, _unfolded.Entries + row.Count);
                }
            }
        }

        // A few hundred at once, so that a storage that commits in groups deletes them together,
        // and the grain's (and every other grain's) next writes commit between two such groups
        // instead of behind thousands of deletes.
        var stored = new List<(long Sequence, string? ETag)>();
        foreach (var (sequence, (etag, _)) in _rows)
        {
            if (sequence > through)
            {
                break;
            }

            stored.Add((sequence, etag));
        }

        foreach (var chunk in stored.Chunk(DeletesAtOnce))
        {
            var deletes = chunk.Select(row => (row.Sequence, Done: _storage.ClearStateAsync(RowName(row.Sequence), _grain, new GrainState<EntryChanges<TEntry>> { ETag = row.ETag, RecordExists = true }))).ToList();
            try
            {
                await Task.WhenAll(deletes.Select(d => d.Done));
            }
            finally
            {
                foreach (var (sequence, done) in deletes)
                {
                    if (done.IsCompletedSuccessfully)
                    {
                        _rows.Remove(sequence);
                    }
                }
            }
        }
    }

    private string RowName(long sequence) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_stateName}+{sequence}");
}
