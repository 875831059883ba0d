using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Twins;

/// <summary>What binding a device and registering an asset change in a twin's state, and what they refuse.</summary>
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

    private static void EnsureKind(AssetTwinState twin, string assetId, DeviceKind kind)
    {
        if (twin.Kind is { } existing && existing != kind)
        {
            throw new InvalidOperationException($"asset {assetId} is a {existing.ToSegment()} asset, not {kind.ToSegment()}");
        }
    }
}
