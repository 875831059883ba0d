namespace UrbanTwin.Simulator.Devices;

/// <summary>Where simulated devices connect: a plain MQTT listener.</summary>
public sealed record BrokerEndpoint(string Host, int Port);
