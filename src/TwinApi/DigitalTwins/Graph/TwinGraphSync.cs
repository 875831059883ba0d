using Microsoft.Extensions.Options;
using Orleans;
using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>
/// Keeps the node's <see cref="TwinGraphIndex"/> in step with the graph shards: once the silo is
/// up it reads every shard whole (queries wait for that), then every
/// <see cref="DigitalTwinsOptions.IndexSyncInterval"/> asks each shard what changed since, so that
/// writes made through other nodes reach this node's queries. A shard that cannot answer keeps
/// this node's copy of it as it was, and is asked again at the next tick.
/// </summary>
public sealed partial class TwinGraphSync(
    IGrainFactory grains,
    TwinGraphIndex index,
    IOptions<DigitalTwinsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<TwinGraphSync> logger) : BackgroundService
{
    private readonly GraphCursor?[] _cursors = new GraphCursor?[GraphShards.Count];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo starts with the host: grains answer once the host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var counts = await Task.WhenAll(Enumerable.Range(0, GraphShards.Count).Select(SyncAsync));
        index.MarkLoaded();
        var loaded = counts.Sum();
        Log.Loaded(logger, loaded);

        using var timer = new PeriodicTimer(options.Value.IndexSyncInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.WhenAll(Enumerable.Range(0, GraphShards.Count).Select(async shard =>
            {
                try
                {
                    await SyncAsync(shard).WaitAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.SyncFailed(logger, ex, shard);
                }
            }));
        }
    }

    /// <summary>Applies what changed in the shard since this node last asked; the entries it took.</summary>
    private async Task<int> SyncAsync(int shard)
    {
        var changes = await grains.Shard(shard).ChangesSinceAsync(_cursors[shard]);
        index.Apply(shard, changes);
        _cursors[shard] = changes.Cursor;
        return changes.Entries.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Twin graph index loaded: {Entries} twins and relationships")]
        public static partial void Loaded(ILogger logger, int entries);

        [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Could not read the changes of twin graph shard {Shard}; this node's queries keep its last copy of it until the next tick")]
        public static partial void SyncFailed(ILogger logger, Exception exception, int shard);
    }
}
