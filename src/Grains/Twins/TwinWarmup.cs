using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// Activates the twin of every active device when the node starts, so each one's staleness timer
/// runs even if its device never reports again (a twin only activates when something calls it),
/// and so map cells and inventory shards get back what a crash lost. Twins with nothing to watch
/// (device never heard from, already stale) leave memory at once.
/// </summary>
public sealed partial class TwinWarmup(IGrainFactory grains, ILogger<TwinWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fleet = await DeviceIndex.GetSnapshotAsync(grains);
        var active = fleet.Devices.Where(d => d.Active).Select(d => d.AssetId).Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(
            active,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stoppingToken },
            async (assetId, _) => await grains.Twin(assetId).WatchAsync());
        Log.Activated(logger, active.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Activated the {Count} twins of active devices; those with no device to watch left memory")]
        public static partial void Activated(ILogger logger, int count);
    }
}
