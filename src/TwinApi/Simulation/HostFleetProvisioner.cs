using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Provisioning;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Audit;

namespace UrbanTwin.TwinApi.Simulation;

/// <summary>
/// Provisions the host's own simulated fleet through the same fleet service as the asset routes:
/// assets that do not exist are registered (checked by the same validator, placed in their area),
/// assets that exist and are in service get fresh device secrets (a secret is shown only once, so a
/// restart on the same data directory renews them rather than failing), decommissioned ones stay
/// out. Both changes are audited, as by the fleet simulator; no secret is written anywhere.
/// </summary>
public sealed partial class HostFleetProvisioner(Fleet fleet, AreaCatalog areas, AuditLog audit, ILogger<HostFleetProvisioner> logger) : IFleetProvisioner
{
    private const int Parallelism = 32;
    private static readonly ApiKeyIdentity Simulator = new("simulator", "fleet simulator", AccessRoles.Admin, null);

    public async Task<ProvisionedFleet> ProvisionAsync(IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken)
    {
        var twins = new TwinSnapshot?[devices.Count];
        await Parallel.ForAsync(0, devices.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, _) =>
            twins[i] = await fleet.FindAsync(devices[i].AssetId));

        var drafts = new List<(AssetDraft Draft, string? AreaId)>();
        var fresh = new List<SimulatedDevice>();
        var existing = new List<(SimulatedDevice Device, TwinSnapshot Twin)>();
        var skipped = new List<string>();
        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            if (twins[i] is not { } twin)
            {
                var errors = new List<FieldError>();
                var request = new AssetRequest(device.AssetId, device.Kind.ToSegment(), device.Name, new AssetLocation(device.Longitude, device.Latitude), device.DeviceId, Metadata(device));
                var draft = AssetValidator.Validate(request, errors);
                if (draft is null || !await fleet.DeviceIsFreeAsync(device.DeviceId, device.AssetId))
                {
                    skipped.Add(device.AssetId);
                    continue;
                }

                drafts.Add((draft, areas.AreaOf(draft.Longitude, draft.Latitude)));
                fresh.Add(device);
            }
            else if (!twin.Decommissioned && twin.Registration!.Kind == device.Kind && twin.DeviceId == device.DeviceId)
            {
                existing.Add((device, twin));
            }
            else
            {
                skipped.Add(device.AssetId);
            }
        }

        var provisioned = new List<ProvisionedDevice>(devices.Count);
        var by = Simulator.ToPrincipal("simulator");
        if (drafts.Count > 0)
        {
            var secrets = await fleet.RegisterManyAsync(drafts, Parallelism);
            for (var i = 0; i < fresh.Count; i++)
            {
                if (secrets[i] is { } secret)
                {
                    provisioned.Add(new ProvisionedDevice(fresh[i], secret));
                }
            }

            await audit.RecordAsync(by, AuditActions.AssetsImported, $"assets:{drafts.Count}", "simulated fleet");
        }

        if (existing.Count > 0)
        {
            var secrets = await fleet.RotateSecretsAsync([.. existing.Select(e => e.Twin)], Parallelism);
            provisioned.AddRange(existing.Select((e, i) => new ProvisionedDevice(e.Device, secrets[i])));
            await audit.RecordAsync(by, AuditActions.DeviceSecretRotated, $"devices:{existing.Count}", "simulated fleet restarted");
        }

        if (skipped.Count > 0)
        {
            Log.Skipped(logger, skipped.Count, string.Join(", ", skipped.Order(StringComparer.Ordinal).Take(5)));
        }

        provisioned.Sort((a, b) => a.Device.Index.CompareTo(b.Device.Index));
        return new ProvisionedFleet(provisioned, drafts.Count, existing.Count, devices.Count - provisioned.Count);
    }

    private static Dictionary<string, string> Metadata(SimulatedDevice device) =>
        new(StringComparer.Ordinal) { ["simulated"] = "true", ["busStop"] = device.Place.Code };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Count} simulated devices left out: their asset is decommissioned, of another kind or bound to another device (e.g. {Examples})")]
        public static partial void Skipped(ILogger logger, int count, string examples);
    }
}
