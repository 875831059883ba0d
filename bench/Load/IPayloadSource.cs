using UrbanTwin.Contracts;

namespace UrbanTwin.Bench.Load;

/// <summary>
/// What the simulated devices of a benchmark say: one telemetry payload per device, sequence
/// number and reading time, valid by the device contract. The benchmarks take it as a seam so the
/// same load can carry real station values today and the fleet simulator's readings later.
/// </summary>
public interface IPayloadSource
{
    /// <summary>The kind of the device with this index: it decides the topic and the measurement.</summary>
    DeviceKind KindOf(int device);

    /// <summary>The UTF-8 JSON telemetry payload of one reading.</summary>
    byte[] Telemetry(int device, uint seq, long timestampMs);
}
