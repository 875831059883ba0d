using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// What the gateway needs to know about a provisioned device to admit its messages and hand them
/// to its asset's twin. Lives as long as the device's session, and keeps the twin's grain
/// reference: resolving one costs reflection, too much to pay on every message.
/// </summary>
public sealed class DeviceRegistration(string deviceId, string assetId, DeviceKind kind, bool isActive)
{
    private IAssetTwinGrain? _twin;

    public string DeviceId { get; } = deviceId;

    public string AssetId { get; } = assetId;

    public DeviceKind Kind { get; } = kind;

    public bool IsActive { get; } = isActive;

    /// <summary>The twin of the device's asset, resolved on first use.</summary>
    public IAssetTwinGrain Twin(IGrainFactory grains) => _twin ??= grains.GetGrain<IAssetTwinGrain>(AssetId);
}
