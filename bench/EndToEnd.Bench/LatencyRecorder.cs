using System.Diagnostics;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// Latencies of probe readings: when each was published (keyed by device and reading time, which
/// is unique per device), and when it was first seen at each observation point (the twin's live
/// stream, InfluxDB, a subscriber). Thread-safe; observations of unknown readings are ignored.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>The twin has the reading: its event arrived on the host's live stream.</summary>
    public const string Twin = "twin";

    /// <summary>The reading's point can be queried from InfluxDB.</summary>
    public const string Influx = "influxdb";

    /// <summary>A plain MQTT subscriber received the reading (the broker-alone reference).</summary>
    public const string Subscriber = "subscriber";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Device, long TimestampMs), long> _published = [];
    private readonly Dictionary<string, Dictionary<(string, long), double>> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _inOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Point, string Device), int> _nextUnseen = [];

    /// <summary>Readings published and not taken back (acknowledged, once publishing is over).</summary>
    public int Published
    {
        get
        {
            lock (_gate)
            {
                return _published.Count;
            }
        }
    }

    /// <summary>Readings published with a reading time at or after <paramref name="timestampMs"/>.</summary>
    public int PublishedSince(long timestampMs)
    {
        lock (_gate)
        {
            return _published.Keys.Count(k => k.TimestampMs >= timestampMs);
        }
    }

    public void RecordPublished(string device, long timestampMs, long publishedAt)
    {
        lock (_gate)
        {
            _published[(device, timestampMs)] = publishedAt;
            if (!_inOrder.TryGetValue(device, out var readings))
            {
                _inOrder[device] = readings = [];
            }

            readings.Add(timestampMs);
        }
    }

    /// <summary>Takes back a reading whose publish failed: nobody should count or see it.</summary>
    public void Forget(string device, long timestampMs)
    {
        lock (_gate)
        {
            _published.Remove((device, timestampMs));
        }
    }

    /// <summary>Notes that <paramref name="point"/> saw the reading at <paramref name="seenAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void RecordSeen(string point, string device, long timestampMs, long seenAt)
    {
        lock (_gate)
        {
            if (!_published.TryGetValue((device, timestampMs), out var publishedAt))
            {
                return;
            }

            if (!_seen.TryGetValue(point, out var seen))
            {
                _seen[point] = seen = [];
            }

            seen.TryAdd((device, timestampMs), Stopwatch.GetElapsedTime(publishedAt, seenAt).TotalMilliseconds);
        }
    }

    /// <summary>Notes that <paramref name="point"/> saw every reading of <paramref name="device"/> up to <paramref name="timestampMs"/> at <paramref name="seenAt"/>.</summary>
    public void RecordSeenUpTo(string point, string device, long timestampMs, long seenAt)
    {
        lock (_gate)
        {
            if (!_inOrder.TryGetValue(device, out var readings))
            {
                return;
            }

            // Reading times rise in publish order per device: only the readings after the last call's are looked at.
            _nextUnseen.TryGetValue((point, device), out var next);
            for (; next < readings.Count && readings[next] <= timestampMs; next++)
            {
                RecordSeen(point, device, readings[next], seenAt);
            }

            _nextUnseen[(point, device)] = next;
        }
    }

    /// <summary>The reading time of the oldest published reading <paramref name="point"/> has not seen yet, or null when it has seen all.</summary>
    public long? OldestUnseenMs(string point)
    {
        lock (_gate)
        {
            _seen.TryGetValue(point, out var seen);
            long? oldest = null;
            foreach (var key in _published.Keys)
            {
                if ((seen is null || !seen.ContainsKey(key)) && (oldest is null || key.TimestampMs < oldest))
                {
                    oldest = key.TimestampMs;
                }
            }

            return oldest;
        }
    }

    /// <summary>How many published readings <paramref name="point"/> has seen.</summary>
    public int SeenCount(string point)
    {
        lock (_gate)
        {
            return _seen.TryGetValue(point, out var seen) ? seen.Count : 0;
        }
    }

    /// <summary>p50, p99 and the number of samples at <paramref name="point"/>; null without samples.</summary>
    public Percentiles? PercentilesAt(string point)
    {
        double[] sorted;
        lock (_gate)
        {
            if (!_seen.TryGetValue(point, out var seen) || seen.Count == 0)
            {
                return null;
            }

            sorted = [.. seen.Values];
        }

        Array.Sort(sorted);
        return new Percentiles(At(sorted, 0.50), At(sorted, 0.99), sorted[^1], sorted.Length);
    }

    private static double At(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
