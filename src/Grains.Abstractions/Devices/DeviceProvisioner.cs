using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>
/// Provisions a device for an asset: issues its secret (returned once, stored hashed), records the
/// device, and binds the asset's twin to it.
/// </summary>
public sealed class DeviceProvisioner(IGrainFactory grains)
{
    /// <returns>The device secret: the only time it is available.</returns>
    public async Task<string> ProvisionAsync(string deviceId, string assetId, DeviceKind kind)
    {
        if (!DeviceId.IsValid(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a valid device id ({DeviceId.Pattern}).", nameof(deviceId));
        }

        var secret = DeviceSecrets.NewSecret();
        var (salt, hash) = DeviceSecrets.Hash(secret);
        await grains.GetGrain<IDeviceGrain>(deviceId).ProvisionAsync(new DeviceRecord(deviceId, assetId, kind, true, salt, hash, DeviceSecrets.MosquittoHash(secret)));
        await grains.GetGrain<IAssetTwinGrain>(assetId).BindDeviceAsync(deviceId, kind);
        return secret;
    }

    public Task DecommissionAsync(string deviceId) => grains.GetGrain<IDeviceGrain>(deviceId).DecommissionAsync();
}
