namespace UrbanTwin.Gateway.Downlink;

/// <summary>
/// Publishes hub → device messages (a device's <c>errors</c> and <c>cmd/{name}</c> topics) at QoS 1
/// through whichever broker the gateway runs with.
/// </summary>
public interface IDeviceDownlink
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
