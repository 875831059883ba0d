using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// The live twin of one asset: latest value per field with its reading time, connection state,
/// counters. Readings arriving out of order (a backlog upload) never move a field's latest value
/// backwards in time. Readings change the state in memory; it is written at most every
/// <see cref="FlushInterval"/> and when the twin deactivates, never once per reading. Binding and
/// connection changes (rare, and what operators look at first) are written at once.
/// </summary>
public sealed class AssetTwinGrain(
    [PersistentState("twin", GrainStorage.Name)] IPersistentState<AssetTwinState> state) : Grain, IAssetTwinGrain
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private bool _dirty;
    private IGrainTimer? _flush;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _flush = this.RegisterGrainTimer(FlushIfDirtyAsync, new GrainTimerCreationOptions(FlushInterval, FlushInterval) { Interleave = false, KeepAlive = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        await FlushIfDirtyAsync(cancellationToken);
    }

    public async Task BindDeviceAsync(string deviceId, DeviceKind kind)
    {
        var twin = state.State;
        if (twin.Kind is { } existing && existing != kind)
        {
            throw new InvalidOperationException($"asset {this.GetPrimaryKeyString()} is a {existing.ToSegment()} asset, not {kind.ToSegment()}");
        }

        twin.DeviceId = deviceId;
        twin.Kind = kind;
        await WriteAsync();
    }

    public Task<IngestResult> IngestAsync(TelemetryBatch batch)
    {
        var twin = state.State;
        foreach (var reading in batch.Readings)
        {
            for (var slot = 0; slot < FieldValues.Capacity; slot++)
            {
                var isNewer = (twin.Present & (1 << slot)) == 0 || reading.TimestampMs >= twin.LatestAt[slot];
                if (isNewer && reading.TryGet(slot, out var value))
                {
                    twin.Latest[slot] = value;
                    twin.LatestAt[slot] = reading.TimestampMs;
                    twin.Present |= 1 << slot;
                }
            }
        }

        twin.Accepted += batch.Readings.Length;
        twin.Duplicates += batch.Duplicates;
        twin.Rejected += batch.Rejected;
        Seen(batch.ReceivedAtMs);
        _dirty = true;
        if (!twin.Online)
        {
            twin.Online = true;
            return WriteThenAsync(new IngestResult(batch.Readings.Length));
        }

        return Task.FromResult(new IngestResult(batch.Readings.Length));
    }

    public Task CountRejectedAsync(int rejected)
    {
        state.State.Rejected += rejected;
        _dirty = true;
        return Task.CompletedTask;
    }

    public async Task SetConnectionAsync(ConnectionChange change)
    {
        var twin = state.State;
        twin.Online = change.State == DeviceState.Online;
        twin.Firmware = change.Firmware ?? twin.Firmware;
        Seen(change.ReceivedAtMs);
        await WriteAsync();
    }

    public Task<TwinSnapshot> GetSnapshotAsync()
    {
        var twin = state.State;
        var latest = new List<FieldValue>();
        if (twin.Kind is { } kind && ContractSchemas.For(kind, MessageType.Telemetry) is { } schema)
        {
            foreach (var field in schema.Fields)
            {
                if (field.IsNumeric && (twin.Present & (1 << field.Slot)) != 0)
                {
                    latest.Add(new FieldValue(field.Name, twin.Latest[field.Slot], twin.LatestAt[field.Slot]));
                }
            }
        }

        return Task.FromResult(new TwinSnapshot(
            this.GetPrimaryKeyString(), twin.DeviceId, twin.Kind, latest, twin.Online, twin.LastSeenMs, twin.Firmware, twin.Accepted, twin.Duplicates, twin.Rejected));
    }

    private void Seen(long atMs) => state.State.LastSeenMs = state.State.LastSeenMs is { } last && last > atMs ? last : atMs;

    private async Task<IngestResult> WriteThenAsync(IngestResult result)
    {
        await WriteAsync();
        return result;
    }

    private async Task WriteAsync()
    {
        await state.WriteStateAsync();
        _dirty = false;
    }

    private async Task FlushIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await WriteAsync();
        }
    }
}
