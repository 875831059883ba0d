using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Generation;

namespace UrbanTwin.Bench.Load;

/// <summary>
/// The fleet simulator's city as a benchmark load: device d is the simulator's d-th device (the
/// three kinds in turn, the same seed, the same models calibrated on the real series), each
/// reading measured at its own time. Faults and bad payloads stay off: a benchmark counts every
/// reading it sends.
/// </summary>
public sealed class SimulatedCity(int devices, int seed = 1) : IPayloadSource
{
    private readonly DeviceGenerator[] _generators = [.. FleetPlan.Create(devices, seed, "bench").Select(d => new DeviceGenerator(d, new GeneratorOptions { Seed = seed }))];

    public DeviceKind KindOf(int device) => Generator(device).Device.Kind;

    public byte[] Telemetry(int device, uint seq, long timestampMs)
    {
        var generator = Generator(device);
        lock (generator)
        {
            return generator.EncodeReading(seq, timestampMs);
        }
    }

    private DeviceGenerator Generator(int device) => _generators[device % _generators.Length];
}
