using UrbanTwin.Simulator.Generation;

namespace UrbanTwin.Simulator.Devices;

/// <summary>How a <see cref="FleetRunner"/> drives its devices over MQTT.</summary>
public sealed record FleetRunOptions(BrokerEndpoint Broker, GeneratorOptions Generator)
{
    /// <summary>Mean time between one device's network outages; zero: never.</summary>
    public TimeSpan OutageInterval { get; init; }

    /// <summary>How long an outage lasts.</summary>
    public TimeSpan OutageDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Devices connect spread over this time, not all at once.</summary>
    public TimeSpan StartSpread { get; init; } = TimeSpan.FromSeconds(2);
}
