using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>
/// A provisioned device: the asset it reports for, its kind, whether it may connect, and its
/// secret as salted hashes (the hub's, and mosquitto's format where the fleet connects through an
/// external broker: null otherwise, see <see cref="DeviceProvisioner"/>); the secret itself is
/// shown once at provisioning and never stored.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.DeviceRecord")]
public sealed record DeviceRecord(
    string DeviceId,
    string AssetId,
    DeviceKind Kind,
    bool Active,
    byte[] SecretSalt,
    byte[] SecretHash,
    string? MosquittoHash);
