using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using UrbanTwin.Grains.Abstractions.Inventory;

namespace UrbanTwin.Grains.Inventory;

/// <summary>
/// One shard of a kind's asset inventory. Changes apply in memory and are written behind
/// (<see cref="WriteBehind"/>): a second after a change, again after a write that fails, and when
/// the shard deactivates, so a bulk import of thousands of assets costs a few writes, not one per
/// asset. A write stores the ids listed or unlisted since the last one, as a row of the shard's
/// <see cref="EntryLog{TEntry}"/>, and the whole shard only once those rows hold as many ids as it
/// does. The timer does not interleave, so nothing changes the set while it is written. A crash may
/// lose the last second; the twins, the source of truth, list themselves again when they activate
/// (every twin in service does at start-up).
/// </summary>
public sealed class InventoryShardGrain(
    [PersistentState(InventoryShardGrain.StateName, GrainStorage.Name)] IPersistentState<InventoryShardState> state,
    [FromKeyedServices(GrainStorage.Name)] IGrainStorage storage) : Grain, IInventoryShardGrain
{
    private const string StateName = "inventory";

    private EntryLog<string> _log = null!;
    private WriteBehind _writes = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new EntryLog<string>(storage, StateName, this.GetGrainId());
        foreach (var changes in await _log.ReadAsync(state.State.Through))
        {
            state.State.Assets.UnionWith(changes.Upserts);
            state.State.Assets.ExceptWith(changes.Removals);
        }

        _writes = WriteBehind.ForGrain(this, WriteAsync, () => WriteBehind.Shortest, interleave: false);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync(cancellationToken);

    public Task AddAsync(string assetId) => Changed(assetId, state.State.Assets.Add(assetId));

    public Task RemoveAsync(string assetId) => Changed(assetId, state.State.Assets.Remove(assetId));

    public Task<IReadOnlyList<string>> GetAssetsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Assets]);

    public Task<bool> ContainsAsync(string assetId) => Task.FromResult(state.State.Assets.Contains(assetId));

    public Task<int> CountAsync() => Task.FromResult(state.State.Assets.Count);

    private Task Changed(string assetId, bool changed)
    {
        if (changed)
        {
            _log.Changed(assetId);
            _writes.Changed();
        }

        return Task.CompletedTask;
    }

    private bool TryGet(string assetId, [MaybeNullWhen(false)] out string listed)
    {
        listed = assetId;
        return state.State.Assets.Contains(assetId);
    }

    /// <summary>Stores the ids listed or unlisted since the last write, and the whole shard when its rows of changes have grown as large.</summary>
    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await _log.AppendChangedAsync(TryGet);
        if (_log.ShouldFold(state.State.Assets.Count))
        {
            var through = _log.Last;
            state.State.Through = through;
            await state.WriteStateAsync(cancellationToken);
            await _log.FoldedAsync(through);
        }
    }
}
