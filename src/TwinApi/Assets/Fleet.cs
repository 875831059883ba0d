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
        var twin = await grains.Twin(assetId).GetSnapshotAsync();
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
        if (!await grains.Twin(draft.Id).CreateAsync(registration, draft.DeviceId))
        {
            return (Outcome.AssetExists, null);
        }

        var secret = await provisioner.ProvisionAsync(draft.DeviceId, draft.Id, draft.Kind);
        return (Outcome.Done, secret);
    }

    /// <summary>
    /// Registers checked drafts in bulk (an import): twins created, then devices provisioned with
    /// one fleet-index write per partition. Returns each device's secret, or null where the asset
    /// was taken meanwhile.
    /// </summary>
    public async Task<string?[]> RegisterManyAsync(IReadOnlyList<(AssetDraft Draft, string? AreaId)> drafts, int parallelism = 32)
    {
        var created = new bool[drafts.Count];
        await Parallel.ForAsync(0, drafts.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var (draft, areaId) = drafts[i];
            var registration = new AssetRegistration(draft.Id, draft.Kind, draft.Name, draft.Longitude, draft.Latitude, areaId, draft.Metadata);
            created[i] = await grains.Twin(draft.Id).CreateAsync(registration, draft.DeviceId);
        });
        var toProvision = Enumerable.Range(0, drafts.Count).Where(i => created[i]).ToList();
        var secrets = await provisioner.ProvisionManyAsync([.. toProvision.Select(i => (drafts[i].Draft.DeviceId, drafts[i].Draft.Id, drafts[i].Draft.Kind))], parallelism);
        var result = new string?[drafts.Count];
        for (var j = 0; j < toProvision.Count; j++)
        {
            result[toProvision[j]] = secrets[j];
        }

        return result;
    }

    public Task UpdateAsync(AssetDraft draft, string? areaId) =>
        grains.Twin(draft.Id).RegisterAsync(new AssetRegistration(draft.Id, draft.Kind, draft.Name, draft.Longitude, draft.Latitude, areaId, draft.Metadata));

    public async Task DecommissionAsync(TwinSnapshot twin)
    {
        if (twin.DeviceId is { } deviceId)
        {
            await provisioner.DecommissionAsync(deviceId);
        }

        await grains.Twin(twin.AssetId).DecommissionAsync();
    }

    public Task<string> RotateSecretAsync(TwinSnapshot twin) =>
        provisioner.ProvisionAsync(twin.DeviceId!, twin.AssetId, twin.Registration!.Kind);

    /// <summary>New secrets for the devices of many twins in service at once (the fleet index written once per partition); in the order given.</summary>
    public Task<string[]> RotateSecretsAsync(IReadOnlyList<TwinSnapshot> twins, int parallelism = 32) =>
        provisioner.ProvisionManyAsync([.. twins.Select(t => (t.DeviceId!, t.AssetId, t.Registration!.Kind))], parallelism);
}
