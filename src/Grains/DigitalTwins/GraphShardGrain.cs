using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;
using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.Grains.DigitalTwins;

/// <summary>
/// One shard of the twin graph. Conditional writes (ETags) are decided in memory, then stored as
/// a row of the shard's <see cref="EntryLog{TEntry}"/> before the caller is answered; concurrent
/// writes share a row (<see cref="GroupCommit"/>), and the whole shard is written again (folded)
/// once its rows have grown large enough. A fold runs beside the writes, not in their way: a write
/// is answered once its row is stored, whether or not a fold is under way, so a patch never waits
/// for the shard's thousands of entries to be written whole; one shard at a time folds
/// (<see cref="FoldSlot"/>). Reentrant: reads never wait for a write in flight (they see changes
/// about to be stored, which a failed write leaves noted for the next one). Each node's query
/// index follows the shard through its <see cref="GraphChangeFeed"/>.
/// </summary>
[Reentrant]
public sealed partial class GraphShardGrain(
    [PersistentState(GraphShardGrain.StateName, GrainStorage.Name)] IPersistentState<GraphShardState> state,
    [FromKeyedServices(GrainStorage.Name)] IGrainStorage storage,
    ILogger<GraphShardGrain> logger) : Grain, IGraphShardGrain
{
    private const string StateName = "graph";

    private EntryLog<GraphEntry> _log = null!;
    private GroupCommit _commit = null!;
    private GraphChangeFeed _feed = null!;
    private Task _folding = Task.CompletedTask;

    /// <summary>After a failed fold, the row before which no other is tried (each costs the whole shard, serialized).</summary>
    private long _foldAfter;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new EntryLog<GraphEntry>(storage, StateName, this.GetGrainId());
        await _log.ReadIntoAsync(state.State.Through, state.State.Entries, entry => entry.Key);

        _commit = new GroupCommit(WriteAsync);
        _feed = new GraphChangeFeed(_log.Last);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A fold cut short costs nothing (the rows stay until the next one), but one left running
        // would write the state after this activation is gone.
        await _folding;
    }

    public Task<GraphEntry?> GetAsync(string key) => Task.FromResult(state.State.Entries.GetValueOrDefault(key));

    public Task<IReadOnlyList<GraphEntry>> GetRelationshipsAsync(string sourceId)
    {
        var found = new List<GraphEntry>();
        foreach (var entry in state.State.Entries.Values)
        {
            if (entry.IsRelationship && entry.SourceId == sourceId)
            {
                found.Add(entry);
            }
        }

        return Task.FromResult<IReadOnlyList<GraphEntry>>(found);
    }

    public Task<GraphChanges> ChangesSinceAsync(GraphCursor? cursor) => Task.FromResult(_feed.Since(cursor, state.State.Entries, _log.Last));

    public async Task<GraphWriteResult> WriteAsync(GraphWrite write)
    {
        var entries = state.State.Entries;
        var existing = entries.GetValueOrDefault(write.Key);
        if (write.IfNoneMatch && existing is not null)
        {
            return new(GraphWriteOutcome.PreconditionFailed, 0);
        }

        if (write.IfMatch is { } etag)
        {
            if (existing is null)
            {
                return new(GraphWriteOutcome.NotFound, 0);
            }

            if (etag != "*" && etag != existing.ETag)
            {
                return new(GraphWriteOutcome.PreconditionFailed, 0);
            }
        }

        if (write.Entry is { } entry)
        {
            entries[write.Key] = entry;
        }
        else if (!entries.Remove(write.Key))
        {
            return new(GraphWriteOutcome.NotFound, 0);
        }

        _log.Changed(write.Key);
        _feed.Noted(write.Key);
        await _commit.CommitAsync();

        // The row that stored this write, unless a later write of the key has replaced it since.
        var current = ReferenceEquals(entries.GetValueOrDefault(write.Key), write.Entry);
        return new(GraphWriteOutcome.Written, current ? _feed.RowOf(write.Key) : 0);
    }

    private bool TryGet(string key, [MaybeNullWhen(false)] out GraphEntry entry) => state.State.Entries.TryGetValue(key, out entry);

    private async Task WriteAsync()
    {
        var keys = _feed.Take();
        try
        {
            await _log.AppendChangedAsync(TryGet);
        }
        catch
        {
            _feed.Failed(keys);
            throw;
        }

        _feed.Stored(keys, _log.Last);
        if (_folding.IsCompleted && _log.Last > _foldAfter && _log.ShouldFold(state.State.Entries.Count) && FoldSlot.Of(storage).TryTake() is var ticket and > 0)
        {
            _folding = FoldAsync(ticket);
        }
    }

    /// <summary>
    /// Writes the shard whole through the last row stored, then deletes the rows it holds. The
    /// state is taken as it is now, which may include changes whose rows are still to come: those
    /// rows, read after it at activation, set the same entries again.
    /// </summary>
    private async Task FoldAsync(long ticket)
    {
        var through = _log.Last;
        try
        {
            state.State.Through = through;
            await state.WriteStateAsync();
            await _log.FoldedAsync(through);
        }
        catch (Exception ex)
        {
            // Nothing is lost: the rows stay, and a later fold writes the state again.
            _foldAfter = _log.Last + EntryLog<GraphEntry>.FewestEntriesToFold;
            Log.FoldFailed(logger, ex, this.GetPrimaryKeyString(), through);
        }
        finally
        {
            FoldSlot.Of(storage).Release(ticket);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Graph shard {Shard} could not be written whole through row {Through}; its rows are kept for the next try")]
        public static partial void FoldFailed(ILogger logger, Exception exception, string shard, long through);
    }
}
