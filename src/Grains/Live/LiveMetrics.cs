using System.Diagnostics.Metrics;

namespace UrbanTwin.Grains.Live;

/// <summary>The live feed's metrics (meter <c>UrbanTwin.Live</c>).</summary>
public sealed class LiveMetrics
{
    public const string MeterName = "UrbanTwin.Live";

    private readonly UpDownCounter<long> _listeners;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _relayed;
    private readonly Counter<long> _relayFailures;

    public LiveMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _listeners = meter.CreateUpDownCounter<long>("urbantwin.live.listeners", "{listener}", "Live streams open on this node");
        _dropped = meter.CreateCounter<long>("urbantwin.live.events.dropped", "{event}", "Live events dropped because a listener or the relay to other nodes fell behind");
        _relayed = meter.CreateCounter<long>("urbantwin.live.events.relayed", "{event}", "Live events sent to other nodes' listeners");
        _relayFailures = meter.CreateCounter<long>("urbantwin.live.relay.failures", "{failure}", "Failed renewals of this node's entry in the live directory");
    }

    public void ListenerAdded() => _listeners.Add(1);

    public void ListenerRemoved() => _listeners.Add(-1);

    public void Dropped(string where) => _dropped.Add(1, new KeyValuePair<string, object?>("where", where));

    public void Relayed(int count) => _relayed.Add(count);

    public void RelayFailed() => _relayFailures.Add(1);
}
