namespace UrbanTwin.Gateway.Sessions;

/// <summary>Something on this node that holds devices' live sessions and can end them.</summary>
public interface IDeviceSessionControl
{
    /// <summary>Ends every live session of the device on this node (its credentials no longer hold).</summary>
    Task EndSessionsAsync(string deviceId, CancellationToken cancellationToken);
}
