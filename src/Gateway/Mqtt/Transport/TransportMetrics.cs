using System.Diagnostics.Metrics;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>The broker's connection metrics (meter <c>UrbanTwin.Ingestion</c>).</summary>
public sealed class TransportMetrics
{
    private readonly Counter<long> _refused;
    private readonly Counter<long> _disconnected;

    public TransportMetrics(IMeterFactory meters, ConnectionAdmission admission)
    {
        var meter = meters.Create(IngestionMetrics.MeterName);
        _refused = meter.CreateCounter<long>("urbantwin.mqtt.connections.closed_by_limit", "{connection}", "MQTT connections closed before or for breaking a limit, by reason");
        _disconnected = meter.CreateCounter<long>("urbantwin.mqtt.connections.ended", "{connection}", "Authenticated device connections that ended (the device is marked offline when it was its last one)");
        meter.CreateObservableGauge("urbantwin.mqtt.connections.pending", () => admission.Pending, "{connection}", "MQTT connections accepted that have not yet authenticated");
    }

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Disconnected() => _disconnected.Add(1);
}
