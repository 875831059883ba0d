using Microsoft.Extensions.Hosting;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Live;
using UrbanTwin.Grains.Live;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.Grains.Hosting;

/// <summary>
/// Raises a city alert when the time-series spool is more than 80% full (InfluxDB has been away
/// long enough that ingestion will soon have to wait), and clears it once the spool is back under
/// half. The alert's asset is <see cref="AssetId"/>: the platform itself. Live listeners who see
/// every area get it too.
/// </summary>
public sealed class SpoolWatch(TimeSeriesWriter writer, TimeSeriesWriterOptions options, IGrainFactory grains, LiveFeed live, TimeProvider time) : BackgroundService
{
    public const string AssetId = "urbantwin:time-series";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Alert? raised = null;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var bytes = writer.SpoolBytes;
            var book = grains.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key);
            if (raised is null && bytes > options.SpoolMaxBytes * 8 / 10)
            {
                var now = time.GetUtcNow();
                raised = new Alert($"{AssetId}:{AlertKind.TimeSeriesSpoolFilling}:{now.ToUnixTimeMilliseconds()}", AssetId, null, AlertKind.TimeSeriesSpoolFilling, AlertSeverity.Critical, now, $"time-series spool {bytes:N0} of {options.SpoolMaxBytes:N0} bytes: InfluxDB unreachable");
                await book.RecordAsync(raised);
                Announce(raised);
            }
            else if (raised is not null && bytes < options.SpoolMaxBytes / 2)
            {
                var cleared = raised with { ClearedAt = time.GetUtcNow() };
                await book.RecordAsync(cleared);
                Announce(cleared);
                raised = null;
            }
        }
    }

    private void Announce(Alert alert)
    {
        if (live.IsWanted)
        {
            live.Publish(new LiveEvent(AssetId, null, null, null, null, Alert: alert));
        }
    }
}
