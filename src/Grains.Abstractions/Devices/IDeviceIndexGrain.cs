namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>
/// The fleet's device list (one grain, key <see cref="Key"/>), kept by the device grains: the
/// source of an external mosquitto's password and ACL files.
/// </summary>
[Alias("ut.IDeviceIndexGrain")]
public interface IDeviceIndexGrain : IGrainWithStringKey
{
    public const string Key = "fleet";

    [Alias("Upsert")]
    Task UpsertAsync(DeviceIndexEntry entry);

    [Alias("Version")]
    Task<long> GetVersionAsync();

    [Alias("Snapshot")]
    Task<DeviceIndexSnapshot> GetSnapshotAsync();
}
