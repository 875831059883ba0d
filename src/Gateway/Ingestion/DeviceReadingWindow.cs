namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// One device's window in <see cref="DuplicateFilter"/>: the keys of the readings it sent, in the
/// order they were recorded, in a ring that doubles when full and halves when a quarter full; small
/// windows are searched in place, larger ones through a hash set built when they pass
/// <see cref="IndexFrom"/> keys and dropped below half of it. Not thread-safe: lock it.
/// </summary>
internal sealed class DeviceReadingWindow
{
    private const int InitialCapacity = 4;
    private const int IndexFrom = 64;

    private Entry[] _ring = new Entry[InitialCapacity];
    private int _head;
    private HashSet<ReadingKey>? _index;

    public int Count { get; private set; }

    public int Capacity => _ring.Length;

    public bool TryRecord(ReadingKey key, int now, int bound)
    {
        if (Contains(key))
        {
            return false;
        }

        if (Count == bound)
        {
            RemoveOldest();
        }

        if (Count == _ring.Length)
        {
            Resize(_ring.Length * 2);
        }

        _ring[(_head + Count) & (_ring.Length - 1)] = new Entry(key, now);
        Count++;
        if (_index is not null)
        {
            _index.Add(key);
        }
        else if (Count > IndexFrom)
        {
            _index = new HashSet<ReadingKey>(Count * 2);
            for (var i = 0; i < Count; i++)
            {
                ref var entry = ref _ring[(_head + i) & (_ring.Length - 1)];
                if (!entry.Released)
                {
                    _index.Add(entry.Key);
                }
            }
        }

        return true;
    }

    /// <summary>Forgets the keys recorded before <paramref name="oldest"/>.</summary>
    public void Expire(int oldest)
    {
        var removed = false;
        while (Count > 0 && _ring[_head].RecordedAt < oldest)
        {
            RemoveOldest();
            removed = true;
        }

        if (removed)
        {
            Shrink();
        }
    }

    /// <summary>
    /// Forgets the key. Its slot stays, marked released, until it is the oldest: should the key
    /// be recorded again it takes a new slot.
    /// </summary>
    public void Release(ReadingKey key)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            ref var entry = ref _ring[(_head + i) & (_ring.Length - 1)];
            if (entry.Holds(key))
            {
                entry.Release();
                _index?.Remove(key);
                return;
            }
        }
    }

    private bool Contains(ReadingKey key)
    {
        if (_index is not null)
        {
            return _index.Contains(key);
        }

        for (var i = 0; i < Count; i++)
        {
            ref var entry = ref _ring[(_head + i) & (_ring.Length - 1)];
            if (entry.Holds(key))
            {
                return true;
            }
        }

        return false;
    }

    private void RemoveOldest()
    {
        ref var oldest = ref _ring[_head];
        if (!oldest.Released)
        {
            _index?.Remove(oldest.Key);
        }

        oldest = default;
        _head = (_head + 1) & (_ring.Length - 1);
        Count--;
    }

    private void Shrink()
    {
        if (_index is not null && Count < IndexFrom / 2)
        {
            _index = null;
        }

        var capacity = _ring.Length;
        while (capacity > InitialCapacity && Count <= capacity / 4)
        {
            capacity /= 2;
        }

        if (capacity != _ring.Length)
        {
            Resize(capacity);
        }
    }

    private void Resize(int capacity)
    {
        var ring = new Entry[capacity];
        for (var i = 0; i < Count; i++)
        {
            ring[i] = _ring[(_head + i) & (_ring.Length - 1)];
        }

        _ring = ring;
        _head = 0;
    }

    /// <summary>
    /// A key and the second it was recorded in, 16 bytes; a released key keeps its second, negated
    /// less one, so that it still expires in order but no longer matches.
    /// </summary>
    private struct Entry(ReadingKey key, int recordedAt)
    {
        private readonly long _timestampMs = key.TimestampMs;
        private readonly uint _seq = key.Seq;
        private int _stamp = recordedAt;

        public readonly ReadingKey Key => new(_seq, _timestampMs);

        public readonly int RecordedAt => _stamp >= 0 ? _stamp : -_stamp - 1;

        public readonly bool Released => _stamp < 0;

        public readonly bool Holds(ReadingKey key) => _stamp >= 0 && _seq == key.Seq && _timestampMs == key.TimestampMs;

        public void Release() => _stamp = -_stamp - 1;
    }
}
