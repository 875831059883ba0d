using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>
/// Provisions a device for an asset: issues its secret (returned once, stored hashed), records the
/// device, and binds the asset's twin to it. Where devices connect through an external mosquitto
/// (<paramref name="mosquittoHashes"/>, set by the gateway in external mode) the secret is also
/// hashed in mosquitto's format, so its password file can be written without the secret; that
/// hash is a slow one (PBKDF2-SHA512, 101 rounds) and was most of an import's cryptography, so a
/// node that runs its own broker does not compute it. A secret is never kept to hash later: a
/// device provisioned for the node's own broker gets its mosquitto hash when its secret is next
/// rotated on a node in external mode.
/// </summary>
public sealed class DeviceProvisioner(IGrainFactory grains, bool mosquittoHashes = false)
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
        await grains.GetGrain<IDeviceGrain>(deviceId).ProvisionAsync(new DeviceRecord(deviceId, assetId, kind, true, salt, hash, MosquittoHashOf(secret)));
        await grains.GetGrain<IAssetTwinGrain>(assetId).BindDeviceAsync(deviceId, kind);
        return secret;
    }

    /// <summary>
    /// Provisions many devices (an import) whose twins are already bound to them
    /// (<see cref="IAssetTwinGrain.CreateAsync"/>): each record stored one by one, but the fleet
    /// index written once per partition rather than once per device.
    /// </summary>
    /// <returns>Each device's secret, in the order given.</returns>
    public async Task<string[]> ProvisionManyAsync(IReadOnlyList<(string DeviceId, string AssetId, DeviceKind Kind)> devices, int parallelism = 32)
    {
        foreach (var (deviceId, _, _) in devices)
        {
            if (!DeviceId.IsValid(deviceId))
            {
                throw new ArgumentException($"'{deviceId}' is not a valid device id ({DeviceId.Pattern}).", nameof(devices));
            }
        }

        var secrets = new string[devices.Count];
        var entries = new DeviceIndexEntry[devices.Count];
        await Parallel.ForAsync(0, devices.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var (deviceId, assetId, kind) = devices[i];
            secrets[i] = DeviceSecrets.NewSecret();
            var (salt, hash) = DeviceSecrets.Hash(secrets[i]);
            var record = new DeviceRecord(deviceId, assetId, kind, true, salt, hash, MosquittoHashOf(secrets[i]));
            await grains.GetGrain<IDeviceGrain>(deviceId).StoreAsync(record);
            entries[i] = new DeviceIndexEntry(deviceId, kind, true, record.MosquittoHash, assetId);
        });
        await Task.WhenAll(entries.GroupBy(e => DeviceIndex.PartitionKey(e.DeviceId))
            .Select(partition => grains.GetGrain<IDeviceIndexGrain>(partition.Key).UpsertManyAsync([.. partition])));
        return secrets;
    }

    public Task DecommissionAsync(string deviceId) => grains.GetGrain<IDeviceGrain>(deviceId).DecommissionAsync();

    private string? MosquittoHashOf(string secret) => mosquittoHashes ? DeviceSecrets.MosquittoHash(secret) : null;
}
