namespace UrbanTwin.Simulator.Generation;

/// <summary>Telemetry payloads of one device, encoded ahead of time, and the topic to publish them on.</summary>
public sealed record EncodedTelemetry(string DeviceId, string Topic, byte[][] Payloads);
