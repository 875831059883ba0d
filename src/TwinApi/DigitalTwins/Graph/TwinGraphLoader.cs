using Orleans;
using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>Fills the node's <see cref="TwinGraphIndex"/> from the graph shards once the silo is up, in the background (queries wait for it).</summary>
public sealed partial class TwinGraphLoader(IGrainFactory grains, TwinGraphIndex index, IHostApplicationLifetime lifetime, ILogger<TwinGraphLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo starts with the host: grains answer once the host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var shards = await Task.WhenAll(Enumerable.Range(0, GraphShards.Count).Select(i => grains.Shard(i).GetAllAsync()));
        var count = 0;
        foreach (var shard in shards)
        {
            foreach (var entry in shard)
            {
                index.Apply(entry);
                count++;
            }
        }

        index.MarkLoaded();
        Log.Loaded(logger, count);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Twin graph index loaded: {Entries} twins and relationships")]
        public static partial void Loaded(ILogger logger, int entries);
    }
}
