using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>One device in the fleet index: what an external broker's password and ACL files need (no mosquitto hash for a device provisioned for the node's own broker), and its asset.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.DeviceIndexEntry")]
public sealed record DeviceIndexEntry(string DeviceId, DeviceKind Kind, bool Active, string? MosquittoHash, string AssetId);
