using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

/// <summary>Holds one device's record; written only when provisioned or decommissioned.</summary>
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

        state.State.Record = record;
        await state.WriteStateAsync();
        await IndexAsync(record);
    }

    public async Task StoreAsync(DeviceRecord record)
    {
        if (record.DeviceId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("record is for another device", nameof(record));
        }

        state.State.Record = record;
        await state.WriteStateAsync();

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
        }
    }

    private Task IndexAsync(DeviceRecord record) =>
        GrainFactory.GetGrain<IDeviceIndexGrain>(DeviceIndex.PartitionKey(record.DeviceId))
            .UpsertAsync(new DeviceIndexEntry(record.DeviceId, record.Kind, record.Active, record.MosquittoHash, record.AssetId));
}
