using Orleans.Concurrency;

namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>A gateway as the cluster reaches it to end a device's live MQTT sessions (one-way).</summary>
[Alias("ut.IDeviceSessionObserver")]
public interface IDeviceSessionObserver : IGrainObserver
{
    /// <summary>The device's credentials no longer hold (decommissioned, or its secret rotated): disconnect it.</summary>
    [OneWay]
    [Alias("Revoked")]
    Task CredentialsRevokedAsync(string deviceId);
}
