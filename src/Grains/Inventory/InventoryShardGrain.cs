using UrbanTwin.Grains.Abstractions.Inventory;

namespace UrbanTwin.Grains.Inventory;

/// <summary>
/// One shard of a kind's asset inventory. Changes apply in memory and are written behind: at most
/// once per <see cref="WriteBehind.DelayFor"/> the shard's size (a one-shot timer armed by the first
/// change; a second for a small shard) and when the shard deactivates, so a bulk import of
/// thousands of assets costs a few writes of the shard, not a rewrite per asset. The timer does
/// not interleave, so nothing changes the set while it is written. A crash may lose the last
/// seconds; the twins, the source of truth, list themselves again when they activate (every twin
/// in service does at start-up).
/// </summary>
public sealed class InventoryShardGrain(
    [PersistentState("inventory", GrainStorage.Name)] IPersistentState<InventoryShardState> state) : Grain, IInventoryShardGrain
{
    private IGrainTimer? _flush;
    private bool _dirty;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        _flush = null;
        if (_dirty)
        {
            await WriteAsync(cancellationToken);
        }
    }

    public Task AddAsync(string assetId) => Changed(state.State.Assets.Add(assetId));

    public Task RemoveAsync(string assetId) => Changed(state.State.Assets.Remove(assetId));

    public Task<IReadOnlyList<string>> GetAssetsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Assets]);

    public Task<int> CountAsync() => Task.FromResult(state.State.Assets.Count);

    private Task Changed(bool changed)
    {
        if (changed)
        {
            _dirty = true;
            ArmFlush();
        }

        return Task.CompletedTask;
    }

    private void ArmFlush() =>
        _flush ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(WriteBehind.DelayFor(state.State.Assets.Count), Timeout.InfiniteTimeSpan) { Interleave = false });

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        _flush = null;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch
        {
            // Orleans logs the timer's exception; the shard stays dirty and tries again.
            _dirty = true;
            ArmFlush();
            throw;
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        _dirty = false;
        await state.WriteStateAsync(cancellationToken);
    }
}
