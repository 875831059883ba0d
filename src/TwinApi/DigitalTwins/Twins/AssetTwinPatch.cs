using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TwinApi.DigitalTwins.Graph;
using UrbanTwin.TwinApi.DigitalTwins.Http;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// Patches of an asset twin's writable properties, which its grain applies: today a junction's
/// priority policy (<c>/priorityPolicy/lateThreshold</c>, <c>congestionOccupancy</c>,
/// <c>inhibitWindow</c>, <c>maxGrantsPerHour</c>). <c>replace</c> or <c>add</c> sets the junction's
/// own value; <c>remove</c> returns it to the node's configuration. Every other member of an asset
/// twin is the hub's (registration, readings, what it derives) and refused.
/// </summary>
public sealed class AssetTwinPatch(IGrainFactory grains, AssetTwinSet assets)
{
    private static readonly string[] PolicyMembers = ["lateThreshold", "congestionOccupancy", "inhibitWindow", "maxGrantsPerHour"];

    public async Task<(string? ETag, AdtError? Error)> ApplyAsync(string id, JsonPatch patch)
    {
        var grain = grains.Twin(id);
        var snapshot = await grain.GetSnapshotAsync();
        var settings = snapshot.PriorityOverrides ?? PriorityPolicySettings.None;
        foreach (var (op, path, value) in patch.Operations)
        {
            if (snapshot.PriorityPolicy is null || path is not [AssetModels.PriorityPolicyComponent, var member] || !PolicyMembers.Contains(member))
            {
                return (null, AdtErrors.ValidationFailed($"/{string.Join('/', path)} is not writable: an asset twin's writable properties are {string.Join(", ", PolicyMembers.Select(m => $"/{AssetModels.PriorityPolicyComponent}/{m}"))} (junctions only)."));
            }

            double? number = null;
            if (op != "remove")
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
                {
                    return (null, AdtErrors.ValidationFailed($"/{string.Join('/', path)} is a number."));
                }

                number = v.GetValue<double>();
                if (member == "maxGrantsPerHour" && number != Math.Floor(number.Value))
                {
                    return (null, AdtErrors.ValidationFailed("maxGrantsPerHour is an integer."));
                }
            }

            settings = member switch
            {
                "lateThreshold" => settings with { LateThresholdSeconds = number },
                "congestionOccupancy" => settings with { CongestionOccupancy = number },
                "inhibitWindow" => settings with { InhibitWindowSeconds = number },
                _ => settings with { MaxGrantsPerHour = number is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null },
            };
        }

        if (settings.Problem() is { } problem)
        {
            return (null, AdtErrors.ValidationFailed(problem + "."));
        }

        await grain.SetPriorityPolicyAsync(settings);
        return ((await assets.FindAsync(id))?.ETag, null);
    }
}
