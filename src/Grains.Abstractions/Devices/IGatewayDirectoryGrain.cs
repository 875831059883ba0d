namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>
/// The gateways of the cluster (one grain, key <see cref="Key"/>, in memory): each joins and renews
/// its entry periodically; a device whose credentials are revoked is disconnected through all of them.
/// </summary>
[Alias("ut.IGatewayDirectoryGrain")]
public interface IGatewayDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "gateways";

    /// <summary>How often, in seconds, a gateway renews its entry; one missing three renewals is forgotten.</summary>
    public const int RenewSeconds = 10;

    /// <summary>Adds or renews a gateway, known by <paramref name="nodeId"/>.</summary>
    [Alias("Join")]
    Task JoinAsync(string nodeId, IDeviceSessionObserver gateway);

    /// <summary>Tells every gateway to disconnect the device's sessions.</summary>
    [Alias("Revoke")]
    Task RevokeAsync(string deviceId);
}
