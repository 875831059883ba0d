namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>The partitioned fleet index as one list: which partition holds a device, and the whole index read at once.</summary>
public static class DeviceIndex
{
    public const int Partitions = 64;

    public static IReadOnlyList<string> PartitionKeys { get; } = [.. Enumerable.Range(0, Partitions).Select(Key)];

    /// <summary>The partition of a device: a stable hash of its id (FNV-1a), the same on every node and version.</summary>
    public static string PartitionKey(string deviceId)
    {
        var hash = 2166136261u;
        foreach (var c in deviceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return PartitionKeys[(int)(hash % Partitions)];
    }

    /// <summary>A number that changes whenever any partition changes (the sum of their versions).</summary>
    public static async Task<long> GetVersionAsync(IGrainFactory grains)
    {
        var versions = await Task.WhenAll(PartitionKeys.Select(key => grains.GetGrain<IDeviceIndexGrain>(key).GetVersionAsync()));
        return versions.Sum();
    }

    /// <summary>Every device, ordered by id, with the version of <see cref="GetVersionAsync"/>.</summary>
    public static async Task<DeviceIndexSnapshot> GetSnapshotAsync(IGrainFactory grains)
    {
        var parts = await Task.WhenAll(PartitionKeys.Select(key => grains.GetGrain<IDeviceIndexGrain>(key).GetSnapshotAsync()));
        var devices = parts.SelectMany(p => p.Devices).OrderBy(d => d.DeviceId, StringComparer.Ordinal).ToList();
        return new DeviceIndexSnapshot(parts.Sum(p => p.Version), devices);
    }

    private static string Key(int partition) => $"fleet-{partition:D2}";
}
