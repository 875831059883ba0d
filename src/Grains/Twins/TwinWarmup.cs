using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// Wakes twins when the node starts, so each one's staleness timer runs even if its device never
/// reports again (a twin only activates when something calls it). After a clean stop
/// (<see cref="CleanStop"/>) only the twins that were watching a device wake: nothing was lost, so
/// a million registered assets whose devices are quiet cost nothing. After a crash (or on a first
/// start) the twin of every active device wakes, so map cells and inventory shards get back what
/// the crash lost; twins with nothing to watch (device never heard from, already stale) leave
/// memory at once. A twin that cannot activate (its stored state unreadable) is logged and
/// skipped: the node and the other twins start. When the node stops, the clean-stop file is
/// written for the next start.
/// </summary>
public sealed partial class TwinWarmup(
    IGrainFactory grains,
    CleanStop cleanStop,
    IHostApplicationLifetime lifetime,
    ILogger<TwinWarmup> logger) : BackgroundService
{
    private volatile bool _done;

    /// <summary>Whether this start followed a clean stop (known once <see cref="BackgroundService.ExecuteTask"/> has finished).</summary>
    public bool AfterCleanStop { get; private set; }

    /// <summary>How many twins this start woke (known once <see cref="BackgroundService.ExecuteTask"/> has finished).</summary>
    public int Woken { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Stopped fires once every hosted service, the silo with its deactivations too, has stopped.
        // A stop before this start's wake-up has finished may leave what a crash lost unhealed.
        lifetime.ApplicationStopped.Register(() =>
        {
            if (!_done || !cleanStop.Write())
            {
                Log.StopNotClean(logger);
            }
        });

        var watching = cleanStop.Take();
        var twins = watching ?? await EveryActiveDeviceTwinAsync();
        var failed = 0;
        await Parallel.ForEachAsync(
            twins,
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
        (AfterCleanStop, Woken) = (watching is not null, twins.Count - failed);
        _done = true;
        if (watching is null)
        {
            Log.ActivatedAll(logger, twins.Count - failed, failed);
        }
        else
        {
            Log.ActivatedWatching(logger, twins.Count - failed, failed);
        }
    }

    private async Task<IReadOnlyList<string>> EveryActiveDeviceTwinAsync()
    {
        var fleet = await DeviceIndex.GetSnapshotAsync(grains);
        return fleet.Devices.Where(d => d.Active).Select(d => d.AssetId).Distinct(StringComparer.Ordinal).ToList();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Activated the {Count} twins of active devices after a crash or a first start ({Failed} could not be), so map cells and inventory are whole; those with no device to watch left memory")]
        public static partial void ActivatedAll(ILogger logger, int count, int failed);

        [LoggerMessage(2, LogLevel.Error, "The twin of {AssetId} could not be activated at start; it is tried again when it is next called")]
        public static partial void ActivationFailed(ILogger logger, Exception exception, string assetId);

        [LoggerMessage(3, LogLevel.Information, "Activated the {Count} twins that were watching their devices when the node last stopped cleanly ({Failed} could not be)")]
        public static partial void ActivatedWatching(ILogger logger, int count, int failed);

        [LoggerMessage(4, LogLevel.Warning, "The node's stop was not clean (a twin did not write its state as it deactivated, or the twins had not all woken since the start): its next start wakes every twin to make map cells and inventory whole")]
        public static partial void StopNotClean(ILogger logger);
    }
}
