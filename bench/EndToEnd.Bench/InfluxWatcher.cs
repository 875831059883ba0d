using System.Diagnostics;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// Polls InfluxDB every <see cref="Period"/> for the time of each probe station's latest stored
/// point (since the oldest reading not seen yet): a station's readings are stored in the order it
/// sent them (UrbanTwin keeps a device's order; Node-RED's concurrent writes can swap neighbours
/// by milliseconds), so every reading up to that time is there, and the poll that first shows it
/// gives its publish → InfluxDB latency, to within one period plus the query's own time, small
/// next to the writers' batching. The answer is one row per station however large the backlog.
/// </summary>
public sealed class InfluxWatcher : IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    private InfluxWatcher(InfluxDatabase database, LatencyRecorder recorder) => _polling = PollAsync(database, recorder);

    public static InfluxWatcher Start(InfluxDatabase database, LatencyRecorder recorder) => new(database, recorder);

    /// <summary>Polls on until every recorded probe point is seen or <paramref name="timeout"/> passes, then stops.</summary>
    public async Task DrainAsync(LatencyRecorder recorder, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (recorder.SeenCount(LatencyRecorder.Influx) < recorder.Published && Stopwatch.GetTimestamp() < deadline && !_polling.IsCompleted)
        {
            await Task.Delay(Period);
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await _polling;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PollAsync(InfluxDatabase database, LatencyRecorder recorder)
    {
        while (!_stop.IsCancellationRequested)
        {
            if (recorder.OldestUnseenMs(LatencyRecorder.Influx) is { } since)
            {
                var latest = await database.LatestPerAssetAsync("air_quality", "no2", BenchFleet.ProbePrefix, since, _stop.Token);
                var seenAt = Stopwatch.GetTimestamp();
                foreach (var (asset, timestampMs) in latest)
                {
                    recorder.RecordSeenUpTo(LatencyRecorder.Influx, asset, timestampMs, seenAt);
                }
            }

            await Task.Delay(Period, _stop.Token);
        }
    }
}
