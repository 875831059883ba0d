using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// The live twin of one asset: latest value per field with its reading time, connection state,
/// counters. Readings arriving out of order (a backlog upload) never move a field's latest value
/// backwards in time.
/// </summary>
public sealed class AssetTwinGrain : Grain, IAssetTwinGrain
{
    private readonly double[] _latest = new double[FieldValues.Capacity];
    private readonly long[] _latestAt = new long[FieldValues.Capacity];
    private int _present;
    private string? _deviceId;
    private DeviceKind? _kind;
    private bool _online;
    private long? _lastSeenMs;
    private string? _firmware;
    private long _accepted;
    private long _duplicates;
    private long _rejected;

    public Task BindDeviceAsync(string deviceId, DeviceKind kind)
    {
        if (_kind is { } existing && existing != kind)
        {
            throw new InvalidOperationException($"asset {this.GetPrimaryKeyString()} is a {existing.ToSegment()} asset, not {kind.ToSegment()}");
        }

        _deviceId = deviceId;
        _kind = kind;
        return Task.CompletedTask;
    }

    public Task<IngestResult> IngestAsync(TelemetryBatch batch)
    {
        foreach (var reading in batch.Readings)
        {
            for (var slot = 0; slot < FieldValues.Capacity; slot++)
            {
                var isNewer = (_present & (1 << slot)) == 0 || reading.TimestampMs >= _latestAt[slot];
                if (isNewer && reading.TryGet(slot, out var value))
                {
                    _latest[slot] = value;
                    _latestAt[slot] = reading.TimestampMs;
                    _present |= 1 << slot;
                }
            }
        }

        _accepted += batch.Readings.Length;
        _duplicates += batch.Duplicates;
        _rejected += batch.Rejected;
        Seen(batch.ReceivedAtMs);
        _online = true;
        return Task.FromResult(new IngestResult(batch.Readings.Length));
    }

    public Task CountRejectedAsync(int rejected)
    {
        _rejected += rejected;
        return Task.CompletedTask;
    }

    public Task SetConnectionAsync(ConnectionChange change)
    {
        _online = change.State == DeviceState.Online;
        _firmware = change.Firmware ?? _firmware;
        Seen(change.ReceivedAtMs);
        return Task.CompletedTask;
    }

    public Task<TwinSnapshot> GetSnapshotAsync()
    {
        var latest = new List<FieldValue>();
        if (_kind is { } kind && ContractSchemas.For(kind, MessageType.Telemetry) is { } schema)
        {
            foreach (var field in schema.Fields)
            {
                if (field.IsNumeric && (_present & (1 << field.Slot)) != 0)
                {
                    latest.Add(new FieldValue(field.Name, _latest[field.Slot], _latestAt[field.Slot]));
                }
            }
        }

        return Task.FromResult(new TwinSnapshot(
            this.GetPrimaryKeyString(), _deviceId, _kind, latest, _online, _lastSeenMs, _firmware, _accepted, _duplicates, _rejected));
    }

    private void Seen(long atMs) => _lastSeenMs = _lastSeenMs is { } last && last > atMs ? last : atMs;
}
