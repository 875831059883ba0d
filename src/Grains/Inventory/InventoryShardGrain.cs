using UrbanTwin.Grains.Abstractions.Inventory;

namespace UrbanTwin.Grains.Inventory;

/// <summary>
/// One shard of a kind's asset inventory. Changes apply in memory and are written behind
/// (<see cref="WriteBehind"/>): at most once per <see cref="WriteBehind.DelayFor"/> the shard's size
/// (a second for a small shard), again after a write that fails, and when the shard deactivates, so
/// a bulk import of thousands of assets costs a few writes of the shard, not a rewrite per asset.
/// The timer does not interleave, so nothing changes the set while it is written. A crash may lose
/// the last seconds; the twins, the source of truth, list themselves again when they activate
/// (every twin in service does at start-up).
/// </summary>
public sealed class InventoryShardGrain(
    [PersistentState("inventory", GrainStorage.Name)] IPersistentState<InventoryShardState> state) : Grain, IInventoryShardGrain
{
    private WriteBehind _writes = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = WriteBehind.ForGrain(this, state.WriteStateAsync, () => WriteBehind.DelayFor(state.State.Assets.Count), interleave: false);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync(cancellationToken);

    public Task AddAsync(string assetId) => Changed(state.State.Assets.Add(assetId));

    public Task RemoveAsync(string assetId) => Changed(state.State.Assets.Remove(assetId));

    public Task<IReadOnlyList<string>> GetAssetsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Assets]);

    public Task<int> CountAsync() => Task.FromResult(state.State.Assets.Count);

    private Task Changed(bool changed)
    {
        if (changed)
        {
            _writes.Changed();
        }

        return Task.CompletedTask;
    }
}
