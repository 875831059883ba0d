using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;

namespace UrbanTwin.Bench.Load;

/// <summary>A simulated device: its id (also its MQTT user name), kind and secret.</summary>
public sealed record BenchDevice(string Id, DeviceKind Kind, string Secret)
{
    public string TelemetryTopic => DeviceTopic.Telemetry(Kind, Id);
}
