using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

/// <summary>
/// Keeps one partition of the fleet's device list, read by exporters and at start-up. A change is
/// stored before the call returns, as a row of the entries it changed (<see cref="EntryLog{TEntry}"/>),
/// so provisioning a device or an import's share of a partition writes those entries only; the
/// partition is written whole again behind, once the rows hold as many entries as it does. The
/// version grows by one with every stored change.
/// </summary>
public sealed class DeviceIndexGrain(
    [PersistentState(DeviceIndexGrain.StateName, GrainStorage.Name)] IPersistentState<DeviceIndexState> state,
    [FromKeyedServices(GrainStorage.Name)] IGrainStorage storage) : Grain, IDeviceIndexGrain
{
    private const string StateName = "device-index";

    private EntryLog<DeviceIndexEntry> _log = null!;
    private WriteBehind _folds = null!;
    private long _version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new EntryLog<DeviceIndexEntry>(storage, StateName, this.GetGrainId());
        _folds = WriteBehind.ForGrain(this, FoldAsync, () => WriteBehind.Shortest, interleave: false);
        _version = state.State.Version;
        foreach (var changes in await _log.ReadAsync(state.State.Through))
        {
            Apply(changes.Upserts);
            _version++;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _folds.FlushAsync(cancellationToken);

    public Task UpsertAsync(DeviceIndexEntry entry) => UpsertManyAsync([entry]);

    public async Task UpsertManyAsync(IReadOnlyList<DeviceIndexEntry> entries)
    {
        var changed = new List<DeviceIndexEntry>();
        foreach (var entry in entries)
        {
            if (!state.State.Devices.TryGetValue(entry.DeviceId, out var existing) || existing != entry)
            {
                changed.Add(entry);
            }
        }

        if (changed.Count == 0)
        {
            return;
        }

        await _log.AppendAsync(new EntryChanges<DeviceIndexEntry> { Upserts = changed });
        Apply(changed);
        _version++;
        if (_log.ShouldFold(state.State.Devices.Count))
        {
            _folds.Changed();
        }
    }

    public Task<long> GetVersionAsync() => Task.FromResult(_version);

    public Task<DeviceIndexSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new DeviceIndexSnapshot(_version, [.. state.State.Devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal)]));

    private void Apply(List<DeviceIndexEntry> entries)
    {
        foreach (var entry in entries)
        {
            state.State.Devices[entry.DeviceId] = entry;
        }
    }

    /// <summary>Writes the partition whole, through the last row, and deletes the rows it now holds.</summary>
    private async Task FoldAsync(CancellationToken cancellationToken)
    {
        var through = _log.Last;
        state.State.Version = _version;
        state.State.Through = through;
        await state.WriteStateAsync(cancellationToken);
        await _log.FoldedAsync(through);
    }
}
