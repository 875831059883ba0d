using System.Collections.Concurrent;
using Orleans;
using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// Device registrations for a gateway that does not see CONNECTs (external mode): looked up in the
/// device's grain on first use and kept for <see cref="Lifetime"/>, so a decommissioning reaches
/// every gateway within that time. Unknown ids are cached too; the cache is bounded.
/// </summary>
public sealed class DeviceDirectory(IGrainFactory grains, TimeProvider time)
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromSeconds(30);

    public async ValueTask<DeviceRegistration?> FindAsync(string deviceId)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(deviceId, out var entry) && entry.Expires > now)
        {
            return entry.Registration;
        }

        var record = await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync();
        var registration = record is null ? null : new DeviceRegistration(record.DeviceId, record.AssetId, record.Kind, record.Active);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[deviceId] = new Entry(registration, now + Lifetime);
        return registration;
    }

    /// <summary>Drops the cached registration, so the next message looks the device up again.</summary>
    public void Forget(string deviceId) => _entries.TryRemove(deviceId, out _);

    private sealed record Entry(DeviceRegistration? Registration, DateTimeOffset Expires);
}
