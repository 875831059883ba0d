namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// What one scenario measured: readings sent and counted at the end (InfluxDB, or the subscriber
/// for the broker alone), the time from the first publish until the last was counted, latencies,
/// and the CPU and peak memory of the processes under test (influxd's CPU apart: it is shared), with
/// what the load generator and anything else on the machine took meanwhile.
/// </summary>
public sealed record ScenarioResult(
    string Name,
    string Kind,
    long Sent,
    long Counted,
    TimeSpan Elapsed,
    Percentiles? ToTwin,
    Percentiles? ToInflux,
    string SystemUnderTest,
    CpuReading Cpu,
    double PeakMemoryMiB,
    string? Note = null)
{
    public bool Lossless => Counted >= Sent;

    /// <summary>Readings per second from the first publish until the last reading was counted.</summary>
    public double Rate => Counted / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerReading => (Cpu.System + Cpu.Influx) * 1e6 / Math.Max(1, Counted);
}
