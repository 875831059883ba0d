namespace UrbanTwin.Gateway.Downlink;

/// <summary>
/// The hub → device port the ingestion pipeline and the API publish through (a device's error
/// replies and commands). The broker the gateway runs with (embedded, or a client of mosquitto)
/// attaches itself when it starts, so the pipeline and the broker that feeds it do not depend on
/// each other. Nothing is sent before a broker has attached: there is no device to send to.
/// </summary>
public sealed class DownlinkPort : IDeviceDownlink
{
    private IDeviceDownlink? _broker;

    /// <summary>Sends what is published from now on through <paramref name="broker"/>.</summary>
    public void Attach(IDeviceDownlink broker) => Volatile.Write(ref _broker, broker);

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        Volatile.Read(ref _broker) is { } broker
            ? broker.PublishAsync(topic, payload, cancellationToken)
            : throw new InvalidOperationException($"no broker has started: {topic} cannot be sent yet");
}
