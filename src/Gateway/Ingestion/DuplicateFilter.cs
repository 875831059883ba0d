using System.Collections.Concurrent;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// Drops QoS 1 re-deliveries: a reading is a duplicate when the same device already sent the same
/// (<c>seq</c>, <c>ts</c>) within its window. <c>seq</c> alone is not enough (it restarts after a
/// reboot), <c>ts</c> alone neither (two readings may share a second). The window is bounded by
/// time and by count, whichever is smaller: the readings a device sent in the last
/// <see cref="WindowTime"/> (a re-delivery comes when the device reconnects: seconds, or minutes
/// after a short outage), at most the last <see cref="WindowPerDevice"/> (at least a whole backlog
/// array, so a re-delivered backlog is recognised whole). A device's window grows with what it
/// holds and shrinks again: a device reporting once a minute keeps about 60 readings, 1.5 KB, not
/// a slot for the count bound. A backlog array is checked under one lock.
/// </summary>
public sealed class DuplicateFilter
{
    /// <summary>The smallest count bound that still holds a whole backlog array (the contract allows 500 readings).</summary>
    public const int MinimumWindow = 500;

    private readonly ConcurrentDictionary<string, DeviceReadingWindow> _devices = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly int _windowSeconds;

    public DuplicateFilter(int windowPerDevice = 1024, TimeSpan? windowTime = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowPerDevice, 1);
        WindowPerDevice = windowPerDevice;
        WindowTime = windowTime ?? TimeSpan.FromHours(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WindowTime, TimeSpan.Zero, nameof(windowTime));
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
        _windowSeconds = (int)Math.Min(int.MaxValue, Math.Ceiling(WindowTime.TotalSeconds));
    }

    /// <summary>Readings per device remembered at most.</summary>
    public int WindowPerDevice { get; }

    /// <summary>How long a reading is remembered at most.</summary>
    public TimeSpan WindowTime { get; }

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
        var now = Now();
        var count = 0;
        lock (window)
        {
            window.Expire(now - _windowSeconds);
            for (var i = 0; i < readings.Length; i++)
            {
                isNew[i] = window.TryRecord(new ReadingKey(readings[i].Seq, readings[i].TimestampMs), now, WindowPerDevice);
                count += isNew[i] ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Records one (<paramref name="seq"/>, <paramref name="timestampMs"/>); false when already seen.</summary>
    public bool TryRecord(ReadOnlySpan<char> deviceId, uint seq, long timestampMs)
    {
        var window = WindowOf(deviceId);
        var now = Now();
        lock (window)
        {
            window.Expire(now - _windowSeconds);
            return window.TryRecord(new ReadingKey(seq, timestampMs), now, WindowPerDevice);
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

    /// <summary>How many readings the device's window holds now, and the room it has taken for them (for tests and diagnostics).</summary>
    public (int Remembered, int Capacity) Footprint(string deviceId)
    {
        if (!_devices.TryGetValue(deviceId, out var window))
        {
            return (0, 0);
        }

        lock (window)
        {
            window.Expire(Now() - _windowSeconds);
            return (window.Count, window.Capacity);
        }
    }

    /// <summary>Whole seconds since the filter started: what a key's age is told in.</summary>
    private int Now() => (int)Math.Min(int.MaxValue - 1, (long)_time.GetElapsedTime(_start).TotalSeconds);

    private DeviceReadingWindow WindowOf(ReadOnlySpan<char> deviceId)
    {
        var lookup = _devices.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(deviceId, out var window)
            ? window
            : _devices.GetOrAdd(deviceId.ToString(), static _ => new DeviceReadingWindow());
    }
}
