using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

/// <summary>
/// Holds one device's record; written only when provisioned or decommissioned. When the record's
/// credentials stop holding (decommissioned, a new secret, another asset) every gateway is told to
/// disconnect the device's live sessions.
/// </summary>
public sealed class DeviceGrain(
    [PersistentState("device", GrainStorage.Name)] IPersistentState<DeviceGrainState> state) : Grain, IDeviceGrain
{
    public Task<DeviceRecord?> GetAsync() => Task.FromResult(state.State.Record);

    public async Task ProvisionAsync(DeviceRecord record)
    {
        if (record.DeviceId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("record is for another device", nameof(record));
        }

        var previous = state.State.Record;
        state.State.Record = record;
        await state.WriteStateAsync();
        await IndexAsync(record);
        await RevokeIfChangedAsync(previous, record);
    }

    public async Task StoreAsync(DeviceRecord record)
    {
        if (record.DeviceId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("record is for another device", nameof(record));
        }

        var previous = state.State.Record;
        state.State.Record = record;
        await state.WriteStateAsync();
        await RevokeIfChangedAsync(previous, record);

        // Bulk provisioning: the device is read again when it connects, not kept in memory until then.
        DeactivateOnIdle();
    }

    public async Task DecommissionAsync()
    {
        if (state.State.Record is { Active: true } record)
        {
            state.State.Record = record with { Active = false };
            await state.WriteStateAsync();
            await IndexAsync(state.State.Record);
            await RevokeAsync(record.DeviceId);
        }
    }

    /// <summary>Sessions opened with the previous record's credentials end when its secret, asset or state changed.</summary>
    private Task RevokeIfChangedAsync(DeviceRecord? previous, DeviceRecord current)
    {
        var unchanged = previous is null
            || (previous.SecretHash.AsSpan().SequenceEqual(current.SecretHash) && previous.AssetId == current.AssetId && previous.Active == current.Active);
        return unchanged ? Task.CompletedTask : RevokeAsync(current.DeviceId);
    }

    private Task RevokeAsync(string deviceId) =>
        GrainFactory.GetGrain<IGatewayDirectoryGrain>(IGatewayDirectoryGrain.Key).RevokeAsync(deviceId);

    private Task IndexAsync(DeviceRecord record) =>
        GrainFactory.GetGrain<IDeviceIndexGrain>(DeviceIndex.PartitionKey(record.DeviceId))
            .UpsertAsync(new DeviceIndexEntry(record.DeviceId, record.Kind, record.Active, record.MosquittoHash, record.AssetId));
}
