using UrbanTwin.Contracts;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>What the gateway needs to know about a provisioned device to admit its messages and hand them to its asset's twin.</summary>
public sealed record DeviceRegistration(string DeviceId, string AssetId, DeviceKind Kind, bool IsActive);
