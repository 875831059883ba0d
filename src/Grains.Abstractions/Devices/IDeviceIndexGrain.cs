namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>
/// One partition of the fleet's device list (key: <see cref="DeviceIndex.PartitionKey"/>), kept by
/// the device grains: the source of an external mosquitto's password and ACL files and of the
/// twins woken at start-up. Partitioned so that a fleet of a million devices never rewrites one
/// huge state per provisioning; read whole through <see cref="DeviceIndex"/>.
/// </summary>
[Alias("ut.IDeviceIndexGrain")]
public interface IDeviceIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task UpsertAsync(DeviceIndexEntry entry);

    /// <summary>Many entries of this partition in one write (bulk provisioning).</summary>
    [Alias("UpsertMany")]
    Task UpsertManyAsync(IReadOnlyList<DeviceIndexEntry> entries);

    [Alias("Version")]
    Task<long> GetVersionAsync();

    [Alias("Snapshot")]
    Task<DeviceIndexSnapshot> GetSnapshotAsync();
}
