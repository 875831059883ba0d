using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.Grains.DigitalTwins;

/// <summary>
/// A graph shard's recent changes, so that every node's query index can follow the shard (whoever
/// wrote through which node): the keys stored by each row of changes since the shard activated,
/// up to <see cref="Capacity"/> of them. A node whose cursor is of another activation, or older
/// than what is kept, is given the whole shard instead. Runs on the grain's scheduler: no locks.
/// </summary>
public sealed class GraphChangeFeed
{
    /// <summary>Changed keys kept; half of them are let go when it is reached.</summary>
    public const int Capacity = 8192;

    private readonly Guid _epoch = Guid.NewGuid();
    private readonly List<(long Row, string Key)> _stored = [];
    private readonly Dictionary<string, long> _rowOf = new(StringComparer.Ordinal);
    private HashSet<string> _noted = new(StringComparer.Ordinal);

    /// <summary>Every change after this row is in the feed.</summary>
    private long _from;

    /// <summary>Starts the feed after <paramref name="lastRow"/>, the last row the shard read at activation.</summary>
    public GraphChangeFeed(long lastRow) => _from = lastRow;

    /// <summary>Notes a key changed in memory, to be stored by the next row.</summary>
    public void Noted(string key) => _noted.Add(key);

    /// <summary>The keys noted so far, which the row about to be written stores; keys noted from now on wait for the next.</summary>
    public HashSet<string> Take()
    {
        var keys = _noted;
        _noted = new HashSet<string>(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>The row that took <paramref name="keys"/> failed: they wait for the next.</summary>
    public void Failed(HashSet<string> keys) => _noted.UnionWith(keys);

    /// <summary>The keys were stored by row <paramref name="row"/>.</summary>
    public void Stored(HashSet<string> keys, long row)
    {
        foreach (var key in keys)
        {
            _stored.Add((row, key));
            _rowOf[key] = row;
        }

        if (_stored.Count > Capacity)
        {
            // Let go of whole rows, oldest first, until half is left.
            var cut = _stored[_stored.Count / 2].Row;
            var keep = _stored.FindIndex(s => s.Row > cut) is var first and >= 0 ? first : _stored.Count;
            foreach (var (_, key) in _stored.Take(keep))
            {
                if (_rowOf.TryGetValue(key, out var last) && last <= cut)
                {
                    _rowOf.Remove(key);
                }
            }

            _stored.RemoveRange(0, keep);
            _from = cut;
        }
    }

    /// <summary>The row that stored the key's current state, 0 when not known (stored before the feed's start).</summary>
    public long RowOf(string key) => _rowOf.GetValueOrDefault(key);

    /// <summary>What changed after <paramref name="cursor"/>, as <paramref name="entries"/> hold it now; <paramref name="lastRow"/> is the shard's last stored row.</summary>
    public GraphChanges Since(GraphCursor? cursor, IReadOnlyDictionary<string, GraphEntry> entries, long lastRow)
    {
        var next = new GraphCursor(_epoch, lastRow);
        if (cursor is null || cursor.Epoch != _epoch || cursor.Through < _from || cursor.Through > lastRow)
        {
            return new GraphChanges(next, Whole: true, [.. entries.Values], []);
        }

        var changed = new List<GraphEntry>();
        var removed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = _stored.Count - 1; i >= 0 && _stored[i].Row > cursor.Through; i--)
        {
            var key = _stored[i].Key;
            if (!seen.Add(key))
            {
                continue;
            }

            if (entries.TryGetValue(key, out var entry))
            {
                changed.Add(entry);
            }
            else
            {
                removed.Add(key);
            }
        }

        return new GraphChanges(next, Whole: false, changed, removed);
    }
}
