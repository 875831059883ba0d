using UrbanTwin.Grains.Abstractions.Health;

namespace UrbanTwin.Grains.Health;

/// <summary>Writes its state on every probe, so a probe fails when the storage does.</summary>
public sealed class StorageProbeGrain(
    [PersistentState("health", GrainStorage.Name)] IPersistentState<StorageProbeState> state) : Grain, IStorageProbeGrain
{
    public async Task<long> ProbeAsync()
    {
        state.State.Probes++;
        await state.WriteStateAsync();
        return state.State.Probes;
    }
}
