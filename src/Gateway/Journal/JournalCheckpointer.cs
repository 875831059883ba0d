using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Gateway.Journal;

/// <summary>
/// Keeps the journal short: every <see cref="JournalOptions.CheckpointInterval"/> it closes the
/// active segment and, oldest first, asks every twin a closed segment touched to store what it has
/// applied of it (<see cref="IAssetTwinGrain.PersistThroughAsync"/>). A twin that has less (its
/// node was lost, or this node was killed before it stored) gets the rest of its entries again,
/// in order. Then each twin's readings are flushed to the time-series store
/// (<see cref="IAssetTwinGrain.FlushSeriesAsync"/>, alongside its ingestion, not in its way), and
/// only then is the segment removed. At start the same pass replays every entry an earlier run
/// left: twins apply what they had not stored, and history gets all of it again.
/// </summary>
public sealed partial class JournalCheckpointer(
    IngestionJournal journal,
    IGrainFactory grains,
    IOptions<JournalOptions> options,
    JournalMetrics metrics,
    ILogger<JournalCheckpointer> logger) : BackgroundService
{
    private const int Parallelism = 64;
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>When checkpoints began to fail (null while they succeed), and the last failure's reason.</summary>
    public (DateTimeOffset Since, string Reason)? Failing { get; private set; }

    /// <summary>Checks every closed segment into the twins and the stores, and removes it.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            await journal.CloseActiveSegmentAsync();
            foreach (var segment in journal.ClosedSegments)
            {
                await ApplyAsync(segment, cancellationToken);
                journal.Remove(segment);
            }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>A clean stop leaves an empty journal: the next start has nothing to replay.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await CheckpointAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointFailed(logger, ex, journal.Bytes);
        }
    }

    public override void Dispose()
    {
        _running.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
                Failing = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failing = (Failing?.Since ?? DateTimeOffset.UtcNow, ex.Message);
                Log.CheckpointFailed(logger, ex, journal.Bytes);
            }
        }
    }

    private async Task ApplyAsync(JournalSegment segment, CancellationToken cancellationToken)
    {
        Dictionary<string, List<JournalEntry>>? byAsset = null;
        var gate = new Lock();
        await Parallel.ForEachAsync(
            segment.LastLsnByAsset,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (pair, token) =>
            {
                var (assetId, lastLsn) = pair;
                var twin = grains.Twin(assetId);
                var stored = await twin.PersistThroughAsync(journal.JournalId);
                if (stored < lastLsn || segment.Recovered)
                {
                    List<JournalEntry> replay;
                    lock (gate)
                    {
                        byAsset ??= JournalSegment.Read(segment.Path, out _).GroupBy(e => e.AssetId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                        replay = segment.Recovered ? byAsset[assetId] : [.. byAsset[assetId].Where(e => e.Lsn > stored)];
                    }

                    foreach (var entry in replay)
                    {
                        await twin.IngestAsync(entry.Batch with { Journal = new JournalPosition(journal.JournalId, entry.Lsn) });
                    }

                    metrics.Replayed(replay.Count);
                    stored = await twin.PersistThroughAsync(journal.JournalId);
                    if (stored < lastLsn)
                    {
                        throw new InvalidOperationException($"asset {assetId} stored journal entries through {stored}, not {lastLsn}");
                    }
                }

                // The twin has applied every entry of the segment, so its history is appended:
                // flushed, the segment's readings are in the time-series store and it may go.
                await twin.FlushSeriesAsync();
            });
    }

    private static partial class Log
    {
        [LoggerMessage(61, LogLevel.Error, "A journal checkpoint failed; {Bytes} bytes stay in the journal and the next checkpoint tries again")]
        public static partial void CheckpointFailed(ILogger logger, Exception exception, long bytes);
    }
}
