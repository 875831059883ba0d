using UrbanTwin.Contracts;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>What the gateway needs to know about a provisioned device to admit its messages.</summary>
public sealed record DeviceRegistration(string DeviceId, DeviceKind Kind, bool IsActive);
