using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.Grains.DigitalTwins;

/// <summary>
/// One shard of the twin graph. Conditional writes (ETags) are decided in memory, then stored as
/// a row of the shard's <see cref="EntryLog{TEntry}"/> before the caller is answered; concurrent
/// writes share a row (<see cref="GroupCommit"/>), and the whole shard is written again once its
/// rows have grown as large as it. Reentrant: reads never wait for a write in flight (they see
/// changes about to be stored, which a failed write leaves noted for the next one). Each node's
/// query index follows the shard through its <see cref="GraphChangeFeed"/>.
/// </summary>
[Reentrant]
public sealed class GraphShardGrain(
    [PersistentState(GraphShardGrain.StateName, GrainStorage.Name)] IPersistentState<GraphShardState> state,
    [FromKeyedServices(GrainStorage.Name)] IGrainStorage storage) : Grain, IGraphShardGrain
{
    private const string StateName = "graph";

    private EntryLog<GraphEntry> _log = null!;
    private GroupCommit _commit = null!;
    private GraphChangeFeed _feed = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new EntryLog<GraphEntry>(storage, StateName, this.GetGrainId());
        await _log.ReadIntoAsync(state.State.Through, state.State.Entries, entry => entry.Key);

        _commit = new GroupCommit(WriteAsync);
        _feed = new GraphChangeFeed(_log.Last);
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
        if (_log.ShouldFold(state.State.Entries.Count))
        {
            var through = _log.Last;
            state.State.Through = through;
            await state.WriteStateAsync();
            await _log.FoldedAsync(through);
        }
    }
}
