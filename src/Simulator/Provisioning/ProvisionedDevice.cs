using UrbanTwin.Simulator.Fleet;

namespace UrbanTwin.Simulator.Provisioning;

/// <summary>A planned device registered with the hub, and the secret it connects with (in memory only; never logged).</summary>
public sealed record ProvisionedDevice(SimulatedDevice Device, string Secret)
{
    public override string ToString() => Device.DeviceId;
}
