using Orleans;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>
/// The fleet operations behind the asset routes: register (twin + device, secret once), change,
/// decommission, rotate a device secret. Checks that need grains (exists, device in use) live
/// here; request validation lives in <see cref="AssetValidator"/>, access in the routes.
/// </summary>
public sealed class Fleet(IGrainFactory grains, DeviceProvisioner provisioner)
{
    public enum Outcome
    {
        Done,
        AssetExists,
        DeviceInUse,
        NotFound,
        Decommissioned,
    }

    public async Task<TwinSnapshot?> FindAsync(string assetId)
    {
        var twin = await grains.GetGrain<IAssetTwinGrain>(assetId).GetSnapshotAsync();
        return twin.Registration is null ? null : twin;
    }

    /// <summary>Whether the device is free for this asset (unknown, decommissioned, or already this asset's).</summary>
    public async Task<bool> DeviceIsFreeAsync(string deviceId, string assetId)
    {
        var device = await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync();
        return device is null || !device.Active || device.AssetId == assetId;
    }

    public async Task<(Outcome Outcome, string? Secret)> RegisterAsync(AssetDraft draft, string? areaId)
    {
        if (!await DeviceIsFreeAsync(draft.DeviceId, draft.Id))
        {
            return (Outcome.DeviceInUse, null);
        }

        var registration = new AssetRegistration(draft.Id, draft.Kind, draft.Name, draft.Longitude, draft.Latitude, areaId, draft.Metadata);
        if (!await grains.GetGrain<IAssetTwinGrain>(draft.Id).CreateAsync(registration))
        {
            return (Outcome.AssetExists, null);
        }

        var secret = await provisioner.ProvisionAsync(draft.DeviceId, draft.Id, draft.Kind);
        return (Outcome.Done, secret);
    }

    public Task UpdateAsync(AssetDraft draft, string? areaId) =>
        grains.GetGrain<IAssetTwinGrain>(draft.Id).RegisterAsync(new AssetRegistration(draft.Id, draft.Kind, draft.Name, draft.Longitude, draft.Latitude, areaId, draft.Metadata));

    public async Task DecommissionAsync(TwinSnapshot twin)
    {
        if (twin.DeviceId is { } deviceId)
        {
            await provisioner.DecommissionAsync(deviceId);
        }

        await grains.GetGrain<IAssetTwinGrain>(twin.AssetId).DecommissionAsync();
    }

    public Task<string> RotateSecretAsync(TwinSnapshot twin) =>
        provisioner.ProvisionAsync(twin.DeviceId!, twin.AssetId, twin.Registration!.Kind);
}
