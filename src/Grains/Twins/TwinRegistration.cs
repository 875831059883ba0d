using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Twins;

/// <summary>What binding a device, registering an asset and taking it out of service change in a twin's state, and what they refuse.</summary>
internal static class TwinRegistration
{
    /// <summary>Binds the device; a twin keeps the kind it was first given.</summary>
    public static void Bind(AssetTwinState twin, string assetId, string deviceId, DeviceKind kind, long nowMs)
    {
        EnsureKind(twin, assetId, kind);
        twin.DeviceId = deviceId;
        twin.Kind = kind;
        twin.BoundAtMs ??= nowMs;
    }

    /// <summary>Registers (or registers again) the asset: back in service, with the staleness clock started if it was not.</summary>
    public static void Register(AssetTwinState twin, string assetId, AssetRegistration registration, long nowMs)
    {
        if (registration.AssetId != assetId)
        {
            throw new ArgumentException("registration is for another asset", nameof(registration));
        }

        EnsureKind(twin, assetId, registration.Kind);
        twin.Registration = registration;
        twin.Kind = registration.Kind;
        twin.Decommissioned = false;
        twin.BoundAtMs ??= nowMs;
    }

    /// <summary>Binds a new twin to its device before its first registration; false (nothing changed) when this id was ever registered before.</summary>
    public static bool TryClaim(AssetTwinState twin, string deviceId)
    {
        if (twin.Registration is not null || twin.Decommissioned)
        {
            return false;
        }

        twin.DeviceId = deviceId;
        return true;
    }

    /// <summary>Takes the asset out of service: offline, and off the map once its listing follows; history kept.</summary>
    public static void Decommission(AssetTwinState twin)
    {
        twin.Decommissioned = true;
        twin.Online = false;
    }

    private static void EnsureKind(AssetTwinState twin, string assetId, DeviceKind kind)
    {
        if (twin.Kind is { } existing && existing != kind)
        {
            throw new InvalidOperationException($"asset {assetId} is a {existing.ToSegment()} asset, not {kind.ToSegment()}");
        }
    }
}
