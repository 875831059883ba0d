using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

/// <summary>Keeps one partition of the fleet's device list; written on every provisioning change, read by exporters.</summary>
public sealed class DeviceIndexGrain(
    [PersistentState("device-index", GrainStorage.Name)] IPersistentState<DeviceIndexState> state) : Grain, IDeviceIndexGrain
{
    public async Task UpsertAsync(DeviceIndexEntry entry)
    {
        if (state.State.Devices.TryGetValue(entry.DeviceId, out var existing) && existing == entry)
        {
            return;
        }

        state.State.Devices[entry.DeviceId] = entry;
        state.State.Version++;
        await state.WriteStateAsync();
    }

    public async Task UpsertManyAsync(IReadOnlyList<DeviceIndexEntry> entries)
    {
        var changed = false;
        foreach (var entry in entries)
        {
            if (!state.State.Devices.TryGetValue(entry.DeviceId, out var existing) || existing != entry)
            {
                state.State.Devices[entry.DeviceId] = entry;
                changed = true;
            }
        }

        if (changed)
        {
            state.State.Version++;
            await state.WriteStateAsync();
        }
    }

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public Task<DeviceIndexSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new DeviceIndexSnapshot(state.State.Version, [.. state.State.Devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal)]));
}
