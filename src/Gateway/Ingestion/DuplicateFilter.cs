using System.Collections.Concurrent;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// Drops QoS 1 re-deliveries: a reading is a duplicate when the same device already sent the same
/// (<c>seq</c>, <c>ts</c>) within its window, the last <see cref="WindowPerDevice"/> readings it
/// sent. <c>seq</c> alone is not enough (it restarts after a reboot), <c>ts</c> alone neither (two
/// readings may share a second). Memory is bounded per device; a re-delivery arrives within
/// seconds, far inside the window. A backlog array is checked under one lock.
/// </summary>
public sealed class DuplicateFilter
{
    private readonly ConcurrentDictionary<string, DeviceWindow> _devices = new(StringComparer.Ordinal);

    public DuplicateFilter(int windowPerDevice = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowPerDevice, 1);
        WindowPerDevice = windowPerDevice;
    }

    public int WindowPerDevice { get; }

    /// <summary>
    /// Marks each reading new (true) or duplicate (false) in <paramref name="isNew"/>, records the
    /// new ones, and returns how many were new. Duplicates inside the batch itself count too.
    /// </summary>
    public int Filter(ReadOnlySpan<char> deviceId, ReadOnlySpan<Reading> readings, Span<bool> isNew)
    {
        if (isNew.Length < readings.Length)
        {
            throw new ArgumentException("isNew must have a slot per reading", nameof(isNew));
        }

        var window = WindowOf(deviceId);
        var count = 0;
        lock (window)
        {
            for (var i = 0; i < readings.Length; i++)
            {
                isNew[i] = window.TryRecord(new ReadingKey(readings[i].Seq, readings[i].TimestampMs));
                count += isNew[i] ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Records one (<paramref name="seq"/>, <paramref name="timestampMs"/>); false when already seen.</summary>
    public bool TryRecord(ReadOnlySpan<char> deviceId, uint seq, long timestampMs)
    {
        var window = WindowOf(deviceId);
        lock (window)
        {
            return window.TryRecord(new ReadingKey(seq, timestampMs));
        }
    }

    /// <summary>
    /// Forgets readings recorded by <see cref="Filter"/> that were then not kept (the journal could
    /// not write them): the device sends them again, and they must count as new then.
    /// </summary>
    public void Release(ReadOnlySpan<char> deviceId, ReadOnlySpan<Reading> readings)
    {
        var window = WindowOf(deviceId);
        lock (window)
        {
            foreach (var reading in readings)
            {
                window.Release(new ReadingKey(reading.Seq, reading.TimestampMs));
            }
        }
    }

    /// <summary>Forgets a device (decommissioned).</summary>
    public void Forget(string deviceId) => _devices.TryRemove(deviceId, out _);

    private DeviceWindow WindowOf(ReadOnlySpan<char> deviceId)
    {
        var lookup = _devices.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(deviceId, out var window)
            ? window
            : _devices.GetOrAdd(deviceId.ToString(), static (_, size) => new DeviceWindow(size), WindowPerDevice);
    }

    private readonly record struct ReadingKey(uint Seq, long TimestampMs);

    /// <summary>A set of the last N keys with a ring giving the eviction order. Not thread-safe: lock it.</summary>
    private sealed class DeviceWindow(int size)
    {
        private readonly HashSet<ReadingKey> _seen = new(Math.Min(size, 1024));
        private readonly ReadingKey[] _ring = new ReadingKey[size];
        private int _next;
        private int _count;

        public bool TryRecord(ReadingKey key)
        {
            if (!_seen.Add(key))
            {
                return false;
            }

            if (_count == _ring.Length)
            {
                _seen.Remove(_ring[_next]);
            }
            else
            {
                _count++;
            }

            _ring[_next] = key;
            _next = (_next + 1) % _ring.Length;
            return true;
        }

        /// <summary>
        /// Removes the key from the set. Its ring slot stays: should the key be recorded again, it
        /// is forgotten when that older slot is reached, a window's length early.
        /// </summary>
        public void Release(ReadingKey key) => _seen.Remove(key);
    }
}
