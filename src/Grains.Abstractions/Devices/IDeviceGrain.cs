namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>One grain per device id: the device's credentials and the asset it belongs to.</summary>
[Alias("ut.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<DeviceRecord?> GetAsync();

    /// <summary>Creates or replaces the record (a new secret, a new asset).</summary>
    [Alias("Provision")]
    Task ProvisionAsync(DeviceRecord record);

    /// <summary>Stores the record without listing it in the fleet index: bulk provisioning lists many at once.</summary>
    [Alias("Store")]
    Task StoreAsync(DeviceRecord record);

    /// <summary>Refuses the device from now on; its history stays.</summary>
    [Alias("Decommission")]
    Task DecommissionAsync();
}
