using System.Collections.Concurrent;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// Bounds the error replies sent to one device: a token bucket per device (a burst of
/// <see cref="Burst"/> replies, then <see cref="PerSecond"/> a second). A device that floods
/// garbage gets a sample of its errors; every suppressed reply is counted, and no device's flood
/// costs another device anything. Idle buckets are dropped when more than
/// <see cref="MaxTrackedDevices"/> are tracked, so hostile ids cannot grow memory without bound.
/// </summary>
public sealed class ErrorRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ErrorRateLimiter(TimeProvider time, double burst = 20, double perSecond = 2, int maxTrackedDevices = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _time = time;
        Burst = burst;
        PerSecond = perSecond;
        MaxTrackedDevices = maxTrackedDevices;
    }

    public double Burst { get; }

    public double PerSecond { get; }

    public int MaxTrackedDevices { get; }

    /// <summary>How many devices have a bucket now.</summary>
    public int TrackedDevices => _buckets.Count;

    /// <summary>True when a reply to <paramref name="deviceId"/> may be sent now (and takes a token).</summary>
    public bool TryAcquire(ReadOnlySpan<char> deviceId)
    {
        var now = _time.GetTimestamp();
        var lookup = _buckets.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(deviceId, out var bucket))
        {
            if (_buckets.Count >= MaxTrackedDevices)
            {
                DropIdle(now);
            }

            bucket = _buckets.GetOrAdd(deviceId.ToString(), static (_, state) => new Bucket(state.Burst, state.Now), (Burst, Now: now));
        }

        lock (bucket)
        {
            bucket.Refill(now, _time, Burst, PerSecond);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            bucket.Suppressed++;
            return false;
        }
    }

    /// <summary>How many replies to <paramref name="deviceId"/> were suppressed so far.</summary>
    public long SuppressedFor(string deviceId) => _buckets.TryGetValue(deviceId, out var bucket) ? Interlocked.Read(ref bucket.Suppressed) : 0;

    private void DropIdle(long now)
    {
        foreach (var (id, bucket) in _buckets)
        {
            lock (bucket)
            {
                bucket.Refill(now, _time, Burst, PerSecond);
                if (bucket.Tokens >= Burst)
                {
                    _buckets.TryRemove(id, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long updated)
    {
        public double Tokens = tokens;
        public long Suppressed;
        private long _updated = updated;

        public void Refill(long now, TimeProvider time, double burst, double perSecond)
        {
            var elapsed = time.GetElapsedTime(_updated, now).TotalSeconds;
            if (elapsed > 0)
            {
                Tokens = Math.Min(burst, Tokens + (elapsed * perSecond));
                _updated = now;
            }
        }
    }
}
