using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// Activates the twin of every active device when the node starts, so each one's staleness timer
/// runs even if its device never reports again (a twin only activates when something calls it),
/// and so map cells and inventory shards get back what a crash lost. Twins with nothing to watch
/// (device never heard from, already stale) leave memory at once. A twin that cannot activate
/// (its stored state unreadable) is logged and skipped: the node and the other twins start.
/// </summary>
public sealed partial class TwinWarmup(IGrainFactory grains, ILogger<TwinWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fleet = await DeviceIndex.GetSnapshotAsync(grains);
        var active = fleet.Devices.Where(d => d.Active).Select(d => d.AssetId).Distinct(StringComparer.Ordinal).ToList();
        var failed = 0;
        await Parallel.ForEachAsync(
            active,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stoppingToken },
            async (assetId, _) =>
            {
                try
                {
                    await grains.Twin(assetId).WatchAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Log.ActivationFailed(logger, ex, assetId);
                }
            });
        Log.Activated(logger, active.Count - failed, failed);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Activated the {Count} twins of active devices ({Failed} could not be); those with no device to watch left memory")]
        public static partial void Activated(ILogger logger, int count, int failed);

        [LoggerMessage(2, LogLevel.Error, "The twin of {AssetId} could not be activated at start; it is tried again when it is next called")]
        public static partial void ActivationFailed(ILogger logger, Exception exception, string assetId);
    }
}
